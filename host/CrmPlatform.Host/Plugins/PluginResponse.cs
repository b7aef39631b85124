namespace CrmPlatform.Host.Plugins;

/// <summary>An installed plugin as the API shows it.</summary>
/// <param name="Id">The plugin id.</param>
/// <param name="Version">The installed version.</param>
/// <param name="Name">Its name for people.</param>
/// <param name="Description">What it does.</param>
/// <param name="Enabled">False while disabled by an administrator.</param>
/// <param name="Status">On the silo that answered: <c>running</c>, <c>disabled</c>, <c>loading</c>, <c>failed</c>, <c>suspended</c> or <c>hung</c>.</param>
/// <param name="StatusReason">Why it is failed, suspended or hung.</param>
/// <param name="InstalledAt">When this version was installed.</param>
/// <param name="Capabilities">What it provides.</param>
/// <param name="Events">The event types it subscribes to.</param>
/// <param name="Permissions">What it may do.</param>
/// <param name="Jobs">Its scheduled jobs.</param>
public sealed record PluginResponse(
    string Id,
    string Version,
    string? Name,
    string? Description,
    bool Enabled,
    string Status,
    string? StatusReason,
    DateTimeOffset InstalledAt,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<string> Events,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<string> Jobs);
