namespace CrmPlatform.Host.Plugins.Runtime;

/// <summary>Names plugin work for its worker grain: <c>sub|{plugin}|{partition}</c> or <c>job|{plugin}|{job}</c>.</summary>
public static class PluginWorkerKeys
{
    /// <summary>The key of one partition of a plugin's subscription.</summary>
    public static string Subscription(string pluginId, int partition) => $"sub|{pluginId}|{partition}";

    /// <summary>The key of one scheduled job of a plugin.</summary>
    public static string Job(string pluginId, string jobName) => $"job|{pluginId}|{jobName}";

    /// <summary>Splits a key into its kind, plugin and the rest.</summary>
    public static bool TryParse(string key, out string kind, out string pluginId, out string part)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pieces = key.Split('|');
        (kind, pluginId, part) = pieces.Length == 3 ? (pieces[0], pieces[1], pieces[2]) : (string.Empty, string.Empty, string.Empty);
        return pieces.Length == 3;
    }
}
