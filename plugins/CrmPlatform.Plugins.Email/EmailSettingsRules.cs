using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace CrmPlatform.Plugins.Email;

/// <summary>The rules of <see cref="EmailSettings"/> that no single data annotation states.</summary>
internal static class EmailSettingsRules
{
    /// <summary>The shortest allowed <see cref="EmailSettings.InboundSecret"/>.</summary>
    public const int MinInboundSecretLength = 16;

    public static IEnumerable<ValidationResult> Validate(EmailSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.FromAddress) && !IsMailbox(settings.FromAddress))
        {
            yield return Error("FromAddress must be an email address such as crm@example.com.", nameof(EmailSettings.FromAddress));
        }

        if (!string.IsNullOrWhiteSpace(settings.UnsubscribeMailto) && !IsMailbox(settings.UnsubscribeMailto))
        {
            yield return Error("UnsubscribeMailto must be an email address such as unsubscribe@example.com.", nameof(EmailSettings.UnsubscribeMailto));
        }

        if (!string.IsNullOrWhiteSpace(settings.UnsubscribeUrl) && !IsHttpsTemplate(settings.UnsubscribeUrl))
        {
            yield return Error("UnsubscribeUrl must be an absolute https URL; it may hold {customerId} and {messageId}.", nameof(EmailSettings.UnsubscribeUrl));
        }

        if (!string.IsNullOrWhiteSpace(settings.MessageIdDomain) && Uri.CheckHostName(settings.MessageIdDomain) != UriHostNameType.Dns)
        {
            yield return Error("MessageIdDomain must be a domain name such as mail.example.com.", nameof(EmailSettings.MessageIdDomain));
        }

        if (!string.IsNullOrEmpty(settings.InboundSecret) && settings.InboundSecret.Length < MinInboundSecretLength)
        {
            yield return Error($"InboundSecret must have at least {MinInboundSecretLength} characters.", nameof(EmailSettings.InboundSecret));
        }

        if (!string.IsNullOrEmpty(settings.Password) && string.IsNullOrWhiteSpace(settings.UserName))
        {
            yield return Error("A password needs a userName.", nameof(EmailSettings.UserName));
        }

        if (settings.Templates is null)
        {
            yield break;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < settings.Templates.Count; i++)
        {
            var template = settings.Templates[i];
            var path = $"{nameof(EmailSettings.Templates)}[{i}]";
            if (template is null)
            {
                yield return Error("A template cannot be null.", path);
            }
            else if (!string.IsNullOrWhiteSpace(template.Name) && !names.Add(template.Name.Trim()))
            {
                yield return Error($"The template name '{template.Name}' is used more than once; names must be unique.", $"{path}.{nameof(EmailTemplate.Name)}");
            }
        }
    }

    /// <summary>True for a single bare address (no display name), such as <c>crm@example.com</c>.</summary>
    public static bool IsMailbox(string address) =>
        MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address == address.Trim() && mailbox.Address.Contains('@', StringComparison.Ordinal);

    private static bool IsHttpsTemplate(string template)
    {
        var sample = template.Replace("{customerId}", "c", StringComparison.Ordinal).Replace("{messageId}", "m", StringComparison.Ordinal);
        return Uri.TryCreate(sample, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host);
    }

    private static ValidationResult Error(string message, string member) => new(message, [member]);
}
