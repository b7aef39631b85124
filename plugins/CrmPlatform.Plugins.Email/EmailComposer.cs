using System.Text;
using CrmPlatform.Sdk.Channels;
using MimeKit;

namespace CrmPlatform.Plugins.Email;

/// <summary>Builds the MIME message for an <see cref="OutboundMessage"/>: the same headers and ids on every attempt.</summary>
internal static class EmailComposer
{
    /// <summary>
    /// The message: From the settings, To the recipient, the rendered subject and bodies
    /// (multipart/alternative when there is HTML), Message-ID <c>&lt;{messageId}@{domain}&gt;</c>,
    /// Date <paramref name="now"/>, <c>X-Crm-Message-Id</c> and the List-Unsubscribe headers.
    /// Throws <see cref="UnsendableMessageException"/> when it can never be built.
    /// </summary>
    public static MimeMessage Compose(OutboundMessage message, EmailSettings settings, DateTimeOffset now)
    {
        var recipient = ParseRecipient(message.Recipient);
        var (subject, text, html) = Render(message, settings);
        var mime = new MimeMessage
        {
            Subject = subject,
            Date = now,
            MessageId = ProviderMessageId(message.MessageId, settings),
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(recipient);
        mime.Headers.Add(EmailHeaders.CrmMessageId, message.MessageId);
        AddUnsubscribe(mime, message, settings);
        mime.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return mime;
    }

    /// <summary>
    /// The Message-ID, without angle brackets: <paramref name="messageId"/> (characters a Message-ID
    /// cannot hold replaced by <c>-</c>) <c>@</c> the Message-ID domain (or the sender's domain).
    /// </summary>
    public static string ProviderMessageId(string messageId, EmailSettings settings)
    {
        var local = new StringBuilder(messageId.Length);
        foreach (var c in messageId)
        {
            local.Append(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal) ? c : '-');
        }

        var domain = string.IsNullOrWhiteSpace(settings.MessageIdDomain)
            ? settings.FromAddress[(settings.FromAddress.LastIndexOf('@') + 1)..]
            : settings.MessageIdDomain;
        return $"{local.ToString().Trim('.')}@{domain.Trim()}";
    }

    private static MailboxAddress ParseRecipient(string recipient)
    {
        if (string.IsNullOrWhiteSpace(recipient) || !EmailSettingsRules.IsMailbox(recipient))
        {
            throw new UnsendableMessageException($"The recipient '{recipient}' is not an email address.");
        }

        return MailboxAddress.Parse(recipient.Trim());
    }

    private static (string Subject, string Text, string? Html) Render(OutboundMessage message, EmailSettings settings)
    {
        if (message.Template is null)
        {
            if (message.Text is null)
            {
                throw new UnsendableMessageException("The message has neither a text nor a template.");
            }

            var plainSubject = message.Variables.TryGetValue("subject", out var given) ? given : settings.DefaultSubject;
            return (plainSubject, message.Text, null);
        }

        var template = settings.FindTemplate(message.Template)
            ?? throw new UnsendableMessageException(
                $"There is no email template named '{message.Template}'; the templates are: {string.Join(", ", settings.Templates.Select(t => $"'{t.Name}'"))}.");
        var values = PlaceholderValues.For(message);
        var subject = TemplateText.Render(template.Subject, values, html: false);
        var html = string.IsNullOrWhiteSpace(template.HtmlBody) ? null : TemplateText.Render(template.HtmlBody, values, html: true);
        var text = string.IsNullOrWhiteSpace(template.TextBody)
            ? HtmlText.ToText(html ?? string.Empty)
            : TemplateText.Render(template.TextBody, values, html: false);
        return (subject, text, html);
    }

    private static void AddUnsubscribe(MimeMessage mime, OutboundMessage message, EmailSettings settings)
    {
        var customerId = Uri.EscapeDataString(message.Customer.Id);
        var messageId = Uri.EscapeDataString(message.MessageId);
        var links = new List<string>(2);
        if (!string.IsNullOrWhiteSpace(settings.UnsubscribeMailto))
        {
            links.Add($"<mailto:{settings.UnsubscribeMailto.Trim()}?subject=unsubscribe%20{customerId}%20{messageId}>");
        }

        if (!string.IsNullOrWhiteSpace(settings.UnsubscribeUrl))
        {
            var url = settings.UnsubscribeUrl.Trim()
                .Replace("{customerId}", customerId, StringComparison.Ordinal)
                .Replace("{messageId}", messageId, StringComparison.Ordinal);
            links.Add($"<{url}>");
            mime.Headers.Add(EmailHeaders.ListUnsubscribePost, "List-Unsubscribe=One-Click");
        }

        if (links.Count > 0)
        {
            mime.Headers.Add(EmailHeaders.ListUnsubscribe, string.Join(", ", links));
        }
    }
}
