using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Host.Channels;

/// <summary>
/// The channels of the plugins running on this silo (every silo loads every installed plugin): a
/// channel exists and is enabled while an enabled, loaded plugin provides it.
/// </summary>
public sealed class ChannelDirectory(PluginRegistry registry)
{
    /// <summary>The descriptor of the enabled channel with this name, or null.</summary>
    public ChannelDescriptor? Find(string channel) =>
        Running().Select(p => p.Plugin.Channels.GetValueOrDefault(channel)).FirstOrDefault(d => d is not null);

    /// <summary>The plugin slot whose running plugin understands the channel's webhooks, or null.</summary>
    public PluginSlot? InboundOf(string channel) =>
        Running().Where(p => p.Plugin.InboundChannels.Contains(channel)).Select(p => p.Slot).FirstOrDefault();

    /// <summary>Every enabled channel with the plugin that provides it.</summary>
    public IReadOnlyList<(string PluginId, ChannelDescriptor Descriptor, bool Inbound)> List() =>
        [.. Running()
            .SelectMany(p => p.Plugin.Channels.Values.Select(d => (p.Slot.Id, d, p.Plugin.InboundChannels.Contains(d.Name))))
            .OrderBy(c => c.Item2.Name, StringComparer.Ordinal)];

    private IEnumerable<(PluginSlot Slot, LoadedPlugin Plugin)> Running() =>
        registry.Slots
            .Where(s => s.Installed is { Enabled: true })
            .Select(s => (Slot: s, Plugin: s.Current))
            .Where(p => p.Plugin is not null)
            .Select(p => (p.Slot, p.Plugin!));
}
