using Microsoft.Extensions.Logging;

namespace CrmPlatform.Sdk.Testing;

/// <summary>A logger that writes every entry, at every level, into a <see cref="TestLog"/>.</summary>
internal sealed class TestLogger(string category, TestLog log) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            log.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
        }
    }
}
