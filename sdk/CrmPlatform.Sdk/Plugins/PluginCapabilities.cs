namespace CrmPlatform.Sdk.Plugins;

/// <summary>Well-known capability names for <see cref="PluginManifest.Capabilities"/>.</summary>
public static class PluginCapabilities
{
    /// <summary>Handles customer events.</summary>
    public const string EventHandler = "event-handler";

    /// <summary>Validates or enriches commands.</summary>
    public const string CommandHook = "command-hook";

    /// <summary>Runs scheduled jobs.</summary>
    public const string ScheduledJob = "scheduled-job";

    /// <summary>Delivers messages to customers on a contact channel.</summary>
    public const string Channel = "channel";

    /// <summary>Computes insights about customers.</summary>
    public const string Analytics = "analytics";
}
