using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Host.Plugins;
using CrmPlatform.Host.Plugins.Crm;
using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Channels;

/// <summary>
/// Sends one requested message through its channel's plugin, from that plugin's subscription.
/// The customer's grain is the delivery record: a message it already knows as sent (or failed) is
/// never handed to the channel again, whatever the subscription redelivers; the window between
/// the provider accepting a message and the grain recording it is covered by the idempotency key
/// handed to the provider (the same on every attempt). A transient failure throws, so the
/// subscription retries with backoff and finally parks the event as a dead letter.
/// </summary>
public sealed class ChannelDelivery(IGrainFactory grains, IChannelStore store) : IChannelSender
{
    /// <summary>The actor recorded on the events a delivery writes.</summary>
    public static string ActorOf(string channel) => $"channel:{channel}";

    /// <summary>Delivers the message <paramref name="envelope"/> requested, unless it was already sent or failed.</summary>
    public async Task DeliverAsync(LoadedPlugin plugin, EventEnvelope envelope, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(envelope);
        var requested = (MessageRequested)envelope.Event;
        var grain = grains.GetGrain<ICustomerGrain>(envelope.CustomerId);
        if (await grain.GetMessageAsync(requested.MessageId) is not { Status: MessageStatus.Requested })
        {
            return;
        }

        var customer = await grain.GetAsync() ?? throw new InvalidOperationException($"Customer '{envelope.CustomerId}' no longer exists.");
        var message = new OutboundMessage(
            requested.MessageId,
            IdempotencyKeyOf(envelope.CustomerId, requested.MessageId),
            requested.Recipient,
            requested.Text,
            requested.Template,
            requested.Variables,
            CustomerSnapshots.From(customer),
            attempt);
        var result = await plugin.SendAsync(requested.Channel, message, cancellationToken);
        var context = new CommandContext(ActorOf(requested.Channel), envelope.CorrelationId, $"message:{requested.MessageId}:outcome");

        // From here on the provider has answered: recording its answer must not be cancelled by the
        // delivery budget or a shutdown, or the retry would send an accepted message a second time.
        switch (result.Status)
        {
            case SendStatus.Sent:
                await store.RecordSentAsync(requested.Channel, result.ProviderMessageId!, envelope.CustomerId, requested.MessageId, CancellationToken.None);
                Ensure(await grain.ExecuteAsync(new RecordMessageSent(requested.MessageId, result.ProviderMessageId!), context));
                break;
            case SendStatus.PermanentFailure:
                Ensure(await grain.ExecuteAsync(new RecordMessageFailed(requested.MessageId, result.Reason ?? "The channel refused the message."), context));
                break;
            default:
                throw new ChannelSendException($"Channel '{requested.Channel}' could not send message {requested.MessageId} now: {result.Reason}");
        }
    }

    /// <summary>The key handed to the provider: the same for every attempt at one message.</summary>
    public static string IdempotencyKeyOf(string customerId, string messageId) => $"{customerId}:{messageId}";

    private static void Ensure(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Recording the outcome failed: {result.Status} {result.Detail}");
        }
    }
}
