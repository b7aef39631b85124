using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Plugins;

/// <summary>
/// Hands a requested message to the channel plugin that sends it, as part of that plugin's
/// subscription; the channels module provides it, so the plugin runtime needs no channel types.
/// </summary>
public interface IChannelSender
{
    /// <summary>Sends the message an event requested through <paramref name="plugin"/>'s channel.</summary>
    Task DeliverAsync(LoadedPlugin plugin, EventEnvelope envelope, int attempt, CancellationToken cancellationToken);
}
