using System.Text.RegularExpressions;
using CrmPlatform.Sdk.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Sdk.Composition;

/// <summary>The channels a plugin provides, read from its parts: valid names, each channel provided once.</summary>
internal static partial class ChannelRules
{
    /// <summary>Creates the plugin's channel parts once (in a scope of <paramref name="provider"/>) and checks their names.</summary>
    /// <returns>The descriptors of its channels and the channel names its inbound parts take webhooks for.</returns>
    public static (IReadOnlyList<ChannelDescriptor> Outbound, IReadOnlyList<string> Inbound) Read(IServiceProvider provider, CompositionErrors errors)
    {
        using var scope = provider.CreateScope();
        var outbound = scope.ServiceProvider.GetServices<IChannel>().Select(c => c.Descriptor).ToArray();
        var inbound = scope.ServiceProvider.GetServices<IChannelInbound>().Select(c => c.ChannelName).ToArray();
        foreach (var name in outbound.Select(d => d.Name).Concat(inbound).Distinct(StringComparer.Ordinal))
        {
            if (name is null || !ChannelName().IsMatch(name))
            {
                errors.Add("channel", $"'{name}' must be 1–32 lower-case letters, digits or '-', starting with a letter (for example 'email').");
            }
        }

        if (outbound.DistinctBy(d => d.Name, StringComparer.Ordinal).Count() != outbound.Length || inbound.Distinct(StringComparer.Ordinal).Count() != inbound.Length)
        {
            errors.Add("channel", "The plugin provides the same channel twice.");
        }

        return (outbound, inbound);
    }

    // The same rule as a channel named in a customer command (CustomerFields.Channel in the grains):
    // a plugin's channel must be one a command can name.
    [GeneratedRegex(@"^[a-z][a-z0-9\-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelName();
}
