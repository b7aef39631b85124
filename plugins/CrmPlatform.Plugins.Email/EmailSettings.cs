using System.ComponentModel.DataAnnotations;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Plugins.Email;

/// <summary>
/// The plugin's settings: the SMTP server, the sender, the unsubscribe links, the templates and the
/// inbound webhook. The defaults are valid but send nothing: until <see cref="Host"/> and
/// <see cref="FromAddress"/> are set, sends fail as transient (an administrator can fix it).
/// </summary>
public sealed class EmailSettings : IValidatableObject
{
    /// <summary>The default of <see cref="MaxInboundBytes"/>: 10 MiB.</summary>
    public const int DefaultMaxInboundBytes = 10 * 1024 * 1024;

    /// <summary>The SMTP server's host name or address. Empty: the channel is not configured.</summary>
    [StringLength(255)]
    public string Host { get; set; } = "";

    /// <summary>The SMTP server's port (587 for submission with STARTTLS, 465 for implicit TLS, 25 for a relay).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>The SMTP user name; empty: no authentication.</summary>
    [StringLength(255)]
    public string UserName { get; set; } = "";

    /// <summary>The SMTP password. Never returned or logged.</summary>
    [Secret]
    public string Password { get; set; } = "";

    /// <summary>How long one SMTP conversation (connect, authenticate, send) may take, in seconds.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The sender's address (the From header and the envelope sender).</summary>
    [StringLength(254)]
    public string FromAddress { get; set; } = "";

    /// <summary>The sender's display name.</summary>
    [StringLength(200)]
    public string FromName { get; set; } = "";

    /// <summary>The right-hand side of every Message-ID (<c>&lt;{messageId}@{domain}&gt;</c>); empty: the domain of <see cref="FromAddress"/>.</summary>
    [StringLength(253)]
    public string MessageIdDomain { get; set; } = "";

    /// <summary>The subject of a message sent as plain text (no template) when its variables hold no <c>subject</c>.</summary>
    [StringLength(998)]
    public string DefaultSubject { get; set; } = "";

    /// <summary>
    /// The <c>mailto:</c> List-Unsubscribe address, for example <c>unsubscribe@example.com</c>; the
    /// subject of the mail carries <c>{customerId}</c> and <c>{messageId}</c>. Empty: none.
    /// </summary>
    [StringLength(254)]
    public string UnsubscribeMailto { get; set; } = "";

    /// <summary>
    /// The https List-Unsubscribe URL template, with <c>{customerId}</c> and <c>{messageId}</c>
    /// (URL-encoded); also sends <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>. Empty: none.
    /// </summary>
    [StringLength(2000)]
    public string UnsubscribeUrl { get; set; } = "";

    /// <summary>The templates, by name.</summary>
    [Required]
    public IReadOnlyList<EmailTemplate> Templates { get; set; } = [];

    /// <summary>
    /// The shared secret inbound webhook requests carry (the <c>X-Crm-Inbound-Secret</c> header, or
    /// an HMAC-SHA256 of the body in <c>X-Crm-Inbound-Signature</c>); at least 16 characters.
    /// Empty: every inbound request is refused. Never returned or logged.
    /// </summary>
    [Secret]
    public string InboundSecret { get; set; } = "";

    /// <summary>The largest inbound message accepted, in bytes (1 KiB to 50 MiB).</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public int MaxInboundBytes { get; set; } = DefaultMaxInboundBytes;

    /// <summary>True when <see cref="Host"/> and <see cref="FromAddress"/> are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(FromAddress);

    /// <summary>The template called <paramref name="name"/> (ignoring case), or null.</summary>
    public EmailTemplate? FindTemplate(string name) =>
        Templates?.FirstOrDefault(t => t is not null && string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EmailSettingsRules.Validate(this);
}
