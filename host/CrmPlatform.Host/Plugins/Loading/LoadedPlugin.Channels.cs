using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>The channel parts of a plugin: sending the messages of its channels and understanding its providers' webhooks.</summary>
public sealed partial class LoadedPlugin
{
    private readonly PluginChannels _channels;

    /// <summary>The channels the plugin sends on, by name.</summary>
    public IReadOnlyDictionary<string, ChannelDescriptor> Channels => _channels.Outbound;

    /// <summary>The channels whose webhooks the plugin understands.</summary>
    public IReadOnlySet<string> InboundChannels => _channels.Inbound;

    /// <summary>True when the event is a message requested on one of the plugin's channels.</summary>
    public bool SendsOn(EventEnvelope envelope) =>
        envelope?.Event is MessageRequested requested && _channels.Outbound.ContainsKey(requested.Channel);

    /// <summary>Hands a message to the plugin's channel of that name.</summary>
    public async Task<SendResult> SendAsync(string channel, OutboundMessage message, CancellationToken cancellationToken)
    {
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var sender = scope.ServiceProvider.GetServices<IChannel>().First(c => c.Descriptor.Name == channel);
            return await sender.SendAsync(message, cancellationToken) ?? throw new InvalidOperationException($"Channel '{channel}' returned no result.");
        }
    }

    /// <summary>Asks the plugin's inbound part of the channel whether a webhook request is genuine.</summary>
    public async Task<InboundVerification> VerifyInboundAsync(string channel, InboundRequest request, CancellationToken cancellationToken)
    {
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await Inbound(scope, channel).VerifyAsync(request, cancellationToken);
        }
    }

    /// <summary>Has the plugin's inbound part of the channel parse a genuine webhook request.</summary>
    public async Task<InboundResult> ParseInboundAsync(string channel, InboundRequest request, CancellationToken cancellationToken)
    {
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await Inbound(scope, channel).ParseAsync(request, cancellationToken);
        }
    }

    private static IChannelInbound Inbound(AsyncServiceScope scope, string channel) =>
        scope.ServiceProvider.GetServices<IChannelInbound>().First(c => c.ChannelName == channel);
}
