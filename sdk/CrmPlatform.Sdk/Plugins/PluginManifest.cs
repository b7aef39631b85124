namespace CrmPlatform.Sdk.Plugins;

/// <summary>
/// What a plugin says about itself in the <c>plugin.json</c> at the root of its package. The
/// platform refuses a package whose manifest is incomplete or asks for an SDK it cannot honour.
/// </summary>
public sealed record PluginManifest
{
    /// <summary>The manifest's file name inside a package.</summary>
    public const string FileName = "plugin.json";

    /// <summary>Unique, stable id: lower-case letters, digits, dots and dashes (for example <c>contoso.loyalty</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The plugin's version, SemVer 2 (for example <c>1.2.0</c>).</summary>
    public required string Version { get; init; }

    /// <summary>A name for people.</summary>
    public string? Name { get; init; }

    /// <summary>What it does, in a sentence.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The SDK versions the plugin works with, as a NuGet version range: <c>[1.0.0, 2.0.0)</c>, or
    /// <c>1.0.0</c> for "1.0.0 or newer".
    /// </summary>
    public required string SdkVersion { get; init; }

    /// <summary>The file name of the assembly holding the <see cref="IPlugin"/> implementation.</summary>
    public required string EntryAssembly { get; init; }

    /// <summary>What the plugin provides (see <see cref="PluginCapabilities"/>), for people and tools.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>
    /// The event types the plugin's handlers receive, by stable name (for example
    /// <c>crm.customer.order-placed.v1</c>), or <c>*</c> for all. Empty: the plugin has no subscription.
    /// </summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>What the plugin may do through <see cref="Crm.ICrm"/> and hooks (see <see cref="PluginPermissions"/>).</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>True when the plugin subscribes to <paramref name="eventType"/> (a stable name).</summary>
    public bool Subscribes(string eventType) => Events.Contains("*") || Events.Contains(eventType);

    /// <summary>True when the manifest grants <paramref name="permission"/>.</summary>
    public bool Grants(string permission) => Permissions.Contains(permission);
}
