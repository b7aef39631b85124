namespace CrmPlatform.TestPlugins.Counter;

/// <summary>What the plugin does with each event.</summary>
public enum CounterMode
{
    /// <summary>Appends a line per event to its file in <see cref="CounterSettings.Directory"/>.</summary>
    Lines,

    /// <summary>Only counts, and reports count and latency as metrics (<see cref="CounterSink.MeterName"/>).</summary>
    Count,
}
