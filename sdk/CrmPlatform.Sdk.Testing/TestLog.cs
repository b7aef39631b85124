namespace CrmPlatform.Sdk.Testing;

/// <summary>What the plugin logged through <c>ILogger&lt;T&gt;</c> or <c>ILoggerFactory</c>, for asserts.</summary>
public sealed class TestLog
{
    private readonly List<LogEntry> _entries = [];
    private readonly Lock _gate = new();

    internal TestLog()
    {
    }

    /// <summary>Every entry so far, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Forgets every entry so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Add(LogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
