using System.Security.Cryptography;
using CrmPlatform.Sdk.Channels;
using MimeKit;

namespace CrmPlatform.Plugins.Email;

/// <summary>Reads an ordinary inbound mail into an <see cref="InboundMessage"/>.</summary>
internal static class InboundMailReader
{
    /// <summary>
    /// The message: its Message-ID (or, when it has none, <c>sha256:</c> and the hash of the raw
    /// mail, so a redelivery is still recorded once), the first From mailbox, the subject, the text
    /// part (or the HTML part as text), and its Date (or <paramref name="now"/>). A subject that
    /// starts with "unsubscribe" — what a List-Unsubscribe mailto link sends — is an opt-out.
    /// </summary>
    public static InboundMessage Read(MimeMessage message, ReadOnlySpan<byte> raw, DateTimeOffset now)
    {
        var from = message.From.Mailboxes.FirstOrDefault(m => !string.IsNullOrWhiteSpace(m.Address))
            ?? throw new InboundFormatException("From", "The message has no From address.");
        var id = string.IsNullOrWhiteSpace(message.MessageId)
            ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw))
            : message.MessageId;
        var text = message.TextBody ?? (message.HtmlBody is { } html ? HtmlText.ToText(html) : string.Empty);
        var subject = string.IsNullOrWhiteSpace(message.Subject) ? null : message.Subject.Trim();
        var consent = subject is not null && subject.StartsWith("unsubscribe", StringComparison.OrdinalIgnoreCase)
            ? ConsentDirective.OptOut
            : (ConsentDirective?)null;
        return new InboundMessage(
            id,
            new InboundSender(null, from.Address, null, string.IsNullOrWhiteSpace(from.Name) ? null : from.Name),
            text.Trim(),
            subject,
            message.Date == DateTimeOffset.MinValue ? now : message.Date,
            consent);
    }
}
