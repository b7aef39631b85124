namespace CrmPlatform.Sdk.Testing;

/// <summary>How <see cref="PluginTestHost"/> composes a plugin.</summary>
public sealed record PluginTestHostOptions
{
    /// <summary>
    /// The clock the plugin's container offers and envelopes are stamped with; null for a new
    /// <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>.
    /// </summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Where to look for the plugin's parts; <see cref="PluginScanScope.Assembly"/> by default, like the platform.</summary>
    public PluginScanScope ScanScope { get; init; } = PluginScanScope.Assembly;

    /// <summary>Who the hooks see as the sender of a command (<see cref="Hooks.HookContext{TEvent}.Actor"/>) and envelopes name as their actor.</summary>
    public string Actor { get; init; } = "test";
}
