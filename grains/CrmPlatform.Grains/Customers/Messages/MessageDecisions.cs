using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Customers.Messages;

/// <summary>
/// Decides the message commands of a registered customer. A message request that breaks a contact
/// rule is refused and the refusal recorded (<see cref="MessageRefused"/>); delivery outcomes are
/// idempotent: recording what is already recorded changes nothing.
/// </summary>
public sealed class MessageDecisions(string customerId, CustomerState state, DateTimeOffset now, MessagingOptions options)
{
    /// <summary>Decides a message request: fields first (400), then the contact rules in order (refusal recorded).</summary>
    public Decision Request(RequestMessage c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "messageId", c.MessageId);
        CustomerFields.Channel(errors, "channel", c.Channel);
        if ((c.Text is null) == (c.Template is null))
        {
            errors.Add("text", "Give either a text or a template.");
        }

        CustomerFields.Text(errors, "text", c.Text, CustomerFields.MaxTextLength);
        CustomerFields.Text(errors, "template", c.Template, 100);
        if (c.Variables is { Count: > 50 })
        {
            errors.Add("variables", "At most 50 variables.");
        }

        if (!errors.IsEmpty)
        {
            return Decision.Refuse(CommandResult.Invalid(customerId, errors.ToDictionary()));
        }

        if (state.Messages.Find(c.MessageId) is not null)
        {
            return Decision.Refuse(CommandResult.Conflict(customerId, $"Message '{c.MessageId}' was already requested."));
        }

        var channel = c.Channel!;
        if (c.AddressKind is not { } kind)
        {
            return Refuse(c, "channel", $"No enabled channel is called '{channel}'.");
        }

        if (c.Text is { } text && c.MaxLength is { } max && text.Length > max)
        {
            return Refuse(c, "text", $"The '{channel}' channel carries at most {max} characters; the text has {text.Length}.");
        }

        var consent = state.ConsentOn(channel);
        if (consent?.Status != ConsentStatus.Granted)
        {
            return Refuse(c, "consent", consent is null
                ? $"The customer has not consented to messages on '{channel}'."
                : $"The customer withdrew consent to messages on '{channel}' ({consent.Source}).");
        }

        var recipient = AddressFor(kind, channel);
        if (recipient is null)
        {
            return Refuse(c, "address", $"The customer has no {Describe(kind)} for '{channel}'.");
        }

        if (state.Messages.IsInvalid(recipient))
        {
            return Refuse(c, "address", $"The customer's {Describe(kind)} {recipient} bounced for good; update the profile with a working one.");
        }

        if (CapFor(channel) is { } cap && state.Messages.RequestedSince(channel, now - cap.Window) >= cap.MaxMessages)
        {
            return Refuse(c, "frequencyCap", $"The customer already got {cap.MaxMessages} messages on '{channel}' within {cap.Window}.");
        }

        if (options.QuietHours is { } quiet && quiet.Covers(channel, now))
        {
            return Refuse(c, "quietHours", $"Quiet hours ({quiet.Start:HH\\:mm}–{quiet.End:HH\\:mm} {quiet.TimeZone}) are on; ask again after {quiet.End:HH\\:mm}.");
        }

        return Decision.Emit(now, new MessageRequested(
            c.MessageId, channel, recipient, c.Text, c.Template, c.Variables ?? new Dictionary<string, string>(StringComparer.Ordinal)));
    }

    /// <summary>Records a send; a message already past requested changes nothing.</summary>
    public Decision Sent(RecordMessageSent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (state.Messages.Find(c.MessageId) is not { } message)
        {
            return Decision.Refuse(CommandResult.NotFound(customerId, $"Message '{c.MessageId}' does not exist."));
        }

        return message.Status != MessageStatus.Requested
            ? Decision.Emit(now)
            : Decision.Emit(now, new MessageSent(message.MessageId, message.Channel, c.ProviderMessageId));
    }

    /// <summary>Records that a message failed for good; a message already past requested changes nothing.</summary>
    public Decision Failed(RecordMessageFailed c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (state.Messages.Find(c.MessageId) is not { } message)
        {
            return Decision.Refuse(CommandResult.NotFound(customerId, $"Message '{c.MessageId}' does not exist."));
        }

        return message.Status != MessageStatus.Requested
            ? Decision.Emit(now)
            : Decision.Emit(now, new MessageFailed(message.MessageId, message.Channel, null, c.Reason));
    }

    /// <summary>Records a provider's receipt; a receipt for a message already delivered, bounced or failed changes nothing.</summary>
    public Decision Receipt(RecordReceipt c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (state.Messages.FindByProviderId(c.Channel, c.ProviderMessageId) is not { } message)
        {
            return Decision.Refuse(CommandResult.NotFound(customerId, $"No message was sent on '{c.Channel}' as '{c.ProviderMessageId}'."));
        }

        if (message.Status is not (MessageStatus.Sent or MessageStatus.Requested))
        {
            return Decision.Emit(now);
        }

        return Decision.Emit(now, c.Status switch
        {
            ReceiptStatus.Delivered => new MessageDelivered(message.MessageId, message.Channel, c.ProviderMessageId),
            ReceiptStatus.Bounced => new MessageBounced(message.MessageId, message.Channel, c.ProviderMessageId, message.Recipient, c.Permanent, c.Reason),
            _ => (ICustomerEvent)new MessageFailed(message.MessageId, message.Channel, c.ProviderMessageId, c.Reason),
        });
    }

    /// <summary>Records an inbound message once per provider message id.</summary>
    public Decision Received(RecordMessageReceived c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var errors = new FieldErrors();
        CustomerFields.Channel(errors, "channel", c.Channel);
        CustomerFields.Text(errors, "providerMessageId", c.ProviderMessageId, 200, required: true);
        CustomerFields.Text(errors, "subject", c.Subject, CustomerFields.MaxSubjectLength);
        if (c.Text is null || c.Text.Length > 100_000)
        {
            errors.Add("text", "Required, at most 100000 characters.");
        }

        if (!errors.IsEmpty)
        {
            return Decision.Refuse(CommandResult.Invalid(customerId, errors.ToDictionary()));
        }

        return state.Messages.HasReceived(c.Channel, c.ProviderMessageId)
            ? Decision.Emit(now)
            : Decision.Emit(c.ReceivedAt is { } at && at <= now ? at : now, new MessageReceived(
                c.Channel, c.ProviderMessageId, c.Text!, c.Subject, c.SenderIdentity, c.SenderEmail, c.SenderPhone, c.SenderName));
    }

    private string? AddressFor(ChannelAddressKind kind, string channel) => kind switch
    {
        ChannelAddressKind.Email => state.Emails.Count > 0 ? state.Emails[0] : null,
        ChannelAddressKind.Phone => state.Phones.Count > 0 ? state.Phones[0] : null,
        _ => state.Messages.IdentityOn(channel),
    };

    private FrequencyCapOptions? CapFor(string channel) =>
        options.FrequencyCaps.GetValueOrDefault(channel) ?? options.FrequencyCaps.GetValueOrDefault("*");

    private static string Describe(ChannelAddressKind kind) => kind switch
    {
        ChannelAddressKind.Email => "email address",
        ChannelAddressKind.Phone => "phone number",
        _ => "identity on the channel",
    };

    private Decision Refuse(RequestMessage c, string rule, string detail) =>
        Decision.Record(
            CommandResult.Refused(customerId, rule, detail, 0, 0),
            now,
            new MessageRefused(c.MessageId, c.Channel!, rule, detail));
}
