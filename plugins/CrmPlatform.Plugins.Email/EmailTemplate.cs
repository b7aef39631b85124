using System.ComponentModel.DataAnnotations;

namespace CrmPlatform.Plugins.Email;

/// <summary>
/// A named message a sender can ask for. Subject and bodies may hold placeholders: <c>{{firstName}}</c>,
/// <c>{{lastName}}</c>, <c>{{displayName}}</c>, <c>{{email}}</c>, <c>{{customerId}}</c>,
/// <c>{{attr.NAME}}</c> (a customer attribute) and <c>{{var.NAME}}</c> (a variable of the message).
/// </summary>
public sealed class EmailTemplate : IValidatableObject
{
    /// <summary>The longest allowed <see cref="Name"/>.</summary>
    public const int MaxNameLength = 64;

    /// <summary>What senders call the template (<see cref="Sdk.Channels.OutboundMessage.Template"/>); unique within the settings.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(MaxNameLength)]
    public string Name { get; set; } = "";

    /// <summary>The subject line.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(998)]
    public string Subject { get; set; } = "";

    /// <summary>The plain-text body; when empty and <see cref="HtmlBody"/> is set, a text version of the HTML is sent.</summary>
    public string? TextBody { get; set; }

    /// <summary>The HTML body; placeholder values are HTML-encoded in it. Empty: the message is plain text.</summary>
    public string? HtmlBody { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(TextBody) && string.IsNullOrWhiteSpace(HtmlBody))
        {
            yield return new ValidationResult("A template needs a textBody, an htmlBody or both.", [nameof(TextBody)]);
        }

        foreach (var (field, text) in new[] { (nameof(Subject), Subject), (nameof(TextBody), TextBody), (nameof(HtmlBody), HtmlBody) })
        {
            if (text is not null && TemplateText.FindMalformed(text) is { } malformed)
            {
                yield return new ValidationResult($"Malformed placeholder '{malformed}': use {{{{firstName}}}}, {{{{attr.name}}}} or {{{{var.name}}}}.", [field]);
            }
        }
    }
}
