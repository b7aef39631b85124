using Microsoft.Extensions.Logging;

namespace CrmPlatform.Sdk.Testing;

/// <summary>Creates <see cref="TestLogger"/>s over one <see cref="TestLog"/>; providers added by the plugin are ignored.</summary>
internal sealed class TestLoggerFactory(TestLog log) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new TestLogger(categoryName, log);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
