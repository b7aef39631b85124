namespace CrmPlatform.TestPlugins.Counter;

/// <summary>The plugin's settings.</summary>
public sealed class CounterSettings
{
    /// <summary>What to do with each event.</summary>
    public CounterMode Mode { get; init; } = CounterMode.Lines;

    /// <summary>
    /// The folder of the files (<c>&lt;plugin id&gt;.&lt;process id&gt;.log</c>, one per process so
    /// that silos and restarts never write into one file). Needed in <see cref="CounterMode.Lines"/>;
    /// until it is set, events wait for it a little.
    /// </summary>
    public string? Directory { get; init; }

    /// <summary>Writes (to the operating system) after every event instead of once per batch.</summary>
    public bool FlushPerEvent { get; init; }
}
