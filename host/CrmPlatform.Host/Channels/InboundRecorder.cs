using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Channels;

/// <summary>
/// Records what a genuine webhook request carried. Each message goes to the customer its sender
/// resolves to (recorded once per provider message id, so a provider's retry writes nothing twice),
/// with its consent directive; an unknown sender becomes a Prospect (or is dropped and listed, as
/// configured); a sender matching several customers is flagged for an agent, never merged. Each
/// receipt finds its message by provider message id and records delivered, bounced or failed.
/// </summary>
public sealed partial class InboundRecorder(
    IGrainFactory grains,
    SenderResolver resolver,
    IChannelStore store,
    IOptions<ChannelOptions> options,
    IOptions<CustomerOptions> customers,
    TimeProvider time,
    ILogger<InboundRecorder> logger)
{
    /// <summary>Records the messages and receipts of one request.</summary>
    public async Task RecordAsync(string channel, InboundResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var message in result.Messages)
        {
            await RecordMessageAsync(channel, message, cancellationToken);
        }

        foreach (var receipt in result.Receipts)
        {
            await RecordReceiptAsync(channel, receipt, cancellationToken);
        }
    }

    /// <summary>Records a message on a known customer: the message, the sender's channel identity and its consent directive.</summary>
    public async Task RecordOnCustomerAsync(string channel, string customerId, InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sender = message.From;
        var grain = grains.GetGrain<ICustomerGrain>(customerId);
        var key = $"inbound:{channel}:{message.ProviderMessageId}";
        var phone = sender.Phone is null ? null : E164.ToE164(sender.Phone, customers.Value.DefaultPhoneRegion) ?? sender.Phone;
        Ensure(await grain.ExecuteAsync(
            new RecordMessageReceived(
                channel, message.ProviderMessageId, message.Text, message.Subject, sender.ChannelIdentity, sender.Email, phone, sender.DisplayName, message.ReceivedAt),
            Context(channel, key)));
        if (sender.ChannelIdentity is { Length: > 0 } identity)
        {
            await store.SetIdentityAsync(channel, identity, customerId, cancellationToken);
        }

        if (message.Consent is { } directive)
        {
            var status = directive == ConsentDirective.OptOut ? ConsentStatus.Withdrawn : ConsentStatus.Granted;
            var source = $"{channel} message {message.ProviderMessageId} at {message.ReceivedAt:O}";
            Ensure(await grain.ExecuteAsync(new SetConsent(channel, status, source), Context(channel, $"{key}:consent")));
        }
    }

    private async Task RecordMessageAsync(string channel, InboundMessage message, CancellationToken cancellationToken)
    {
        var match = await resolver.ResolveAsync(channel, message.From, cancellationToken);
        string outcome;
        if (match.Candidates.Count > 1)
        {
            await store.FlagSenderAsync(
                new SenderFlag(
                    channel, message.ProviderMessageId, match.Candidates, Describe(message.From),
                    JsonSerializer.Serialize(message, CustomerEventJson.Options), time.GetUtcNow()),
                cancellationToken);

            // Opt-out always wins: a STOP from an address several customers share stops them all now,
            // instead of waiting for an agent to say whose it was. An opt-in waits for the agent.
            if (message.Consent == ConsentDirective.OptOut)
            {
                var source = $"{channel} message {message.ProviderMessageId} at {message.ReceivedAt:O} (sender shared by {match.Candidates.Count} customers)";
                foreach (var candidate in match.Candidates)
                {
                    Ensure(await grains.GetGrain<ICustomerGrain>(candidate).ExecuteAsync(
                        new SetConsent(channel, ConsentStatus.Withdrawn, source),
                        Context(channel, $"inbound:{channel}:{message.ProviderMessageId}:consent")));
                }
            }

            outcome = "flagged";
        }
        else if (match.CustomerId is { } customerId)
        {
            await RecordOnCustomerAsync(channel, customerId, message, cancellationToken);
            outcome = "recorded";
        }
        else if (options.Value.UnknownSenders == UnknownSenderPolicy.Drop || ProspectKey(message.From, match.Phone) is not { } prospectKey)
        {
            await store.RecordRejectionAsync(
                new InboundRejection(channel, null, $"Message {message.ProviderMessageId} from an unknown sender ({Describe(message.From)}) was dropped.", time.GetUtcNow()),
                cancellationToken);
            outcome = "dropped";
        }
        else
        {
            var prospect = await RegisterProspectAsync(channel, prospectKey, message.From, match.Phone);
            await RecordOnCustomerAsync(channel, prospect, message, cancellationToken);
            outcome = "prospect";
        }

        ChannelTelemetry.InboundMessages.Add(1, new("channel", channel), new("outcome", outcome));
    }

    private async Task RecordReceiptAsync(string channel, DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        if (await store.FindSentAsync(channel, receipt.ProviderMessageId, cancellationToken) is not { } sent)
        {
            LogUnknownReceipt(logger, channel, receipt.ProviderMessageId);
            return;
        }

        Ensure(await grains.GetGrain<ICustomerGrain>(sent.CustomerId).ExecuteAsync(
            new RecordReceipt(channel, receipt.ProviderMessageId, receipt.Status, receipt.Permanent, receipt.Reason),
            Context(channel, $"receipt:{channel}:{receipt.ProviderMessageId}:{receipt.Status}")));
    }

    /// <summary>Registers the unknown sender as a Prospect; its id comes from the channel and address, so a retry finds the same one.</summary>
    private async Task<string> RegisterProspectAsync(string channel, string key, InboundSender sender, string? phone)
    {
        var id = $"p-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{channel}\n{key}")))[..32]}";
        var email = CustomerFields.IsEmail(sender.Email?.Trim()) ? sender.Email!.Trim() : null;
        var name = sender.DisplayName is { Length: > 0 and <= CustomerFields.MaxNameLength } display ? display : email ?? phone ?? "Unknown sender";
        var result = await grains.GetGrain<ICustomerGrain>(id).ExecuteAsync(
            new RegisterCustomer(CustomerKind.Person, null, name, null, null, email is null ? [] : [email], phone is null ? [] : [phone], null, $"inbound:{channel}"),
            Context(channel, $"prospect:{id}"));
        if (!result.Succeeded && result.Status != CommandStatus.Conflict)
        {
            throw new InvalidOperationException($"Registering the prospect {id} failed: {result.Status} {result.Detail}");
        }

        return id;
    }

    private static string? ProspectKey(InboundSender sender, string? phone) =>
        sender.ChannelIdentity is { Length: > 0 } identity ? $"identity:{identity}"
        : CustomerFields.IsEmail(sender.Email?.Trim()) ? $"email:{sender.Email!.Trim().ToLowerInvariant()}"
        : phone is not null ? $"phone:{phone}"
        : null;

    private static string Describe(InboundSender sender) =>
        string.Join(", ", new[] { sender.ChannelIdentity, sender.Email, sender.Phone, sender.DisplayName }.Where(v => !string.IsNullOrEmpty(v)));

    private static CommandContext Context(string channel, string key) => new(ChannelDelivery.ActorOf(channel), null, key);

    private static void Ensure(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Recording an inbound message failed: {result.Status} {result.Detail}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel}: a receipt for {ProviderMessageId}, which the platform never sent, was ignored")]
    private static partial void LogUnknownReceipt(ILogger logger, string channel, string providerMessageId);
}
