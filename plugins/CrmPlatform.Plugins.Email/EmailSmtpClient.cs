using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace CrmPlatform.Plugins.Email;

/// <summary>
/// MailKit's SMTP client, asking servers that support DSN (RFC 3461) to report failures and delays
/// with the Message-ID as the envelope id, so a bounce names it in <c>Original-Envelope-Id</c>.
/// </summary>
internal sealed class EmailSmtpClient : SmtpClient
{
    /// <inheritdoc />
    protected override string? GetEnvelopeId(MimeMessage message) => message.MessageId;

    /// <inheritdoc />
    protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) =>
        DeliveryStatusNotification.Failure | DeliveryStatusNotification.Delay;
}
