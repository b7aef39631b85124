namespace CrmPlatform.Host.Plugins.Runtime;

/// <summary>What an installed plugin is doing on this silo; <see cref="PluginStatus.Name"/> is how the API spells it.</summary>
public enum PluginRunState
{
    /// <summary>Installed, enabled and loaded; it gets calls.</summary>
    Running = 0,

    /// <summary>Installed and enabled, but no version has been loaded here yet.</summary>
    Loading = 1,

    /// <summary>Disabled by an administrator.</summary>
    Disabled = 2,

    /// <summary>The installed version could not be loaded on this silo.</summary>
    Failed = 3,

    /// <summary>A circuit breaker suspended its deliveries or hooks after repeated failures.</summary>
    Suspended = 4,

    /// <summary>A call overran its budget and has not returned; the plugin gets no calls until it does.</summary>
    Hung = 5,

    /// <summary>Uninstalled.</summary>
    Removed = 6,
}
