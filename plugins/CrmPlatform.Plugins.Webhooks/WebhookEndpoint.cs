using System.ComponentModel.DataAnnotations;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Plugins.Webhooks;

/// <summary>One receiver of webhooks and the events it wants.</summary>
public sealed class WebhookEndpoint : IValidatableObject
{
    /// <summary>The longest allowed <see cref="Name"/>.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The shortest allowed <see cref="Secret"/>.</summary>
    public const int MinSecretLength = 16;

    /// <summary>In <see cref="Events"/>: every event type.</summary>
    public const string AllEvents = "*";

    /// <summary>Names the endpoint in errors, logs and dead letters; unique within the settings.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(MaxNameLength)]
    public string Name { get; set; } = "";

    /// <summary>Where events are posted: an absolute <c>http</c> or <c>https</c> URL.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Url { get; set; } = "";

    /// <summary>The key of the HMAC-SHA256 signature (UTF-8 bytes); at least 16 characters. Never returned or logged.</summary>
    [Secret]
    [Required(AllowEmptyStrings = false)]
    [MinLength(MinSecretLength)]
    public string Secret { get; set; } = "";

    /// <summary>
    /// The event types to post, by stable name (for example <c>crm.customer.order-placed.v1</c>), or
    /// <c>*</c>. Empty: every event type.
    /// </summary>
    public IReadOnlyList<string> Events { get; set; } = [];

    /// <summary>True when the endpoint wants events of <paramref name="eventType"/> (a stable name).</summary>
    public bool Accepts(string eventType) =>
        Events is null || Events.Count == 0 || Events.Contains(AllEvents) || Events.Contains(eventType);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Url) && ParseUrl(Url) is null)
        {
            yield return new ValidationResult("Url must be an absolute http or https URL.", [nameof(Url)]);
        }

        if (Events is null)
        {
            yield break;
        }

        for (var i = 0; i < Events.Count; i++)
        {
            var name = Events[i];
            if (name != AllEvents && (name is null || !CustomerEventTypes.TryResolve(name, out _)))
            {
                yield return new ValidationResult(
                    $"Unknown event type '{name}': use a stable name such as crm.customer.order-placed.v1, or '*'.",
                    [$"{nameof(Events)}[{i}]"]);
            }
        }
    }

    /// <summary>The URL as an absolute http(s) <see cref="Uri"/>, or null when it is not one.</summary>
    internal static Uri? ParseUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
            ? uri
            : null;
}
