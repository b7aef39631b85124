using System.Collections.Frozen;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Composition;
using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>The channels a plugin provides: what its <see cref="IChannel"/>s describe, and the channels its <see cref="IChannelInbound"/>s understand.</summary>
/// <param name="Outbound">The descriptors of its channels, by channel name.</param>
/// <param name="Inbound">The channel names its inbound parts take webhooks for.</param>
public sealed record PluginChannels(FrozenDictionary<string, ChannelDescriptor> Outbound, FrozenSet<string> Inbound)
{
    /// <summary>No channels.</summary>
    public static PluginChannels None { get; } = new(FrozenDictionary<string, ChannelDescriptor>.Empty, FrozenSet<string>.Empty);

    /// <summary>Finds the plugin's channels with the plugin composition's rules (<see cref="ChannelRules"/>): names must be valid and each channel provided once.</summary>
    public static PluginChannels Of(ServiceProvider provider, PluginManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(manifest);
        var errors = new CompositionErrors();
        var (outbound, inbound) = ChannelRules.Read(provider, errors);
        if (!errors.IsEmpty)
        {
            throw new PluginRefusedException($"Plugin '{manifest.Id}' has invalid channels.", errors.ToDictionary());
        }

        return new PluginChannels(
            outbound.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal),
            inbound.ToFrozenSet(StringComparer.Ordinal));
    }
}
