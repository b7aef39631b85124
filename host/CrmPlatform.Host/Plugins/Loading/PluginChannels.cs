using System.Collections.Frozen;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>The channels a plugin provides: what its <see cref="IChannel"/>s describe, and the channels its <see cref="IChannelInbound"/>s understand.</summary>
/// <param name="Outbound">The descriptors of its channels, by channel name.</param>
/// <param name="Inbound">The channel names its inbound parts take webhooks for.</param>
public sealed record PluginChannels(FrozenDictionary<string, ChannelDescriptor> Outbound, FrozenSet<string> Inbound)
{
    /// <summary>No channels.</summary>
    public static PluginChannels None { get; } = new(FrozenDictionary<string, ChannelDescriptor>.Empty, FrozenSet<string>.Empty);

    /// <summary>Finds the plugin's channels; names must be valid and each channel provided once.</summary>
    public static PluginChannels Of(ServiceProvider provider, PluginManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(manifest);
        using var scope = provider.CreateScope();
        var outbound = scope.ServiceProvider.GetServices<IChannel>().Select(c => c.Descriptor).ToArray();
        var inbound = scope.ServiceProvider.GetServices<IChannelInbound>().Select(c => c.ChannelName).ToArray();
        var errors = new FieldErrors();
        foreach (var name in outbound.Select(d => d.Name).Concat(inbound).Distinct(StringComparer.Ordinal))
        {
            CustomerFields.Channel(errors, "channel", name);
        }

        if (outbound.DistinctBy(d => d.Name, StringComparer.Ordinal).Count() != outbound.Length || inbound.Distinct(StringComparer.Ordinal).Count() != inbound.Length)
        {
            errors.Add("channel", "The plugin provides the same channel twice.");
        }

        if (!errors.IsEmpty)
        {
            throw new PluginRefusedException($"Plugin '{manifest.Id}' has invalid channels.", errors.ToDictionary());
        }

        return new PluginChannels(
            outbound.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal),
            inbound.ToFrozenSet(StringComparer.Ordinal));
    }
}
