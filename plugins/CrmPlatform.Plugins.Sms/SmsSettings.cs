using System.ComponentModel.DataAnnotations;
using CrmPlatform.Sdk.Settings;
using PhoneNumbers;

namespace CrmPlatform.Plugins.Sms;

/// <summary>
/// The plugin's settings: the provider account, the sender, the webhook URL and the keyword replies.
/// Everything has a default or may stay empty, so the plugin installs unconfigured; until
/// <see cref="AccountSid"/>, <see cref="AuthToken"/> and a sender are set, sends fail transiently
/// (they go out once the settings are complete) and webhooks are rejected.
/// </summary>
public sealed class SmsSettings : IValidatableObject
{
    /// <summary>The default of <see cref="BaseUrl"/>: Twilio's REST API.</summary>
    public const string DefaultBaseUrl = "https://api.twilio.com";

    /// <summary>The default of <see cref="MaxSegments"/>.</summary>
    public const int DefaultMaxSegments = 10;

    /// <summary>The provider's API root; any Twilio-compatible API (<c>/2010-04-01/Accounts/{sid}/Messages.json</c>).</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The account SID: the user name of the API's basic authentication and part of its paths.</summary>
    [StringLength(64)]
    [RegularExpression("^[A-Za-z0-9]+$", ErrorMessage = "The account SID is letters and digits (for example AC followed by 32 hex digits).")]
    public string? AccountSid { get; set; }

    /// <summary>The auth token: the password of the API and the key of the webhook signatures.</summary>
    [Secret]
    [StringLength(256)]
    public string? AuthToken { get; set; }

    /// <summary>The sender, an E.164 number of the account (for example <c>+15005550006</c>); or set <see cref="MessagingServiceSid"/>.</summary>
    [RegularExpression(@"^\+[1-9][0-9]{1,14}$", ErrorMessage = "The from number must be in E.164 form, for example +15005550006.")]
    public string? FromNumber { get; set; }

    /// <summary>A messaging service (sender pool) to send from instead of <see cref="FromNumber"/>.</summary>
    [RegularExpression("^MG[0-9a-fA-F]{32}$", ErrorMessage = "A messaging service SID is MG followed by 32 hex digits.")]
    public string? MessagingServiceSid { get; set; }

    /// <summary>
    /// Where the provider posts delivery receipts: the platform's public inbound URL of the channel,
    /// <c>https://{host}/channels/sms/inbound</c>. Empty: no receipts are asked for.
    /// </summary>
    [Url]
    public string? StatusCallbackUrl { get; set; }

    /// <summary>The region (ISO 3166 two letters) of recipient numbers written without a country code.</summary>
    [Required]
    [RegularExpression("^[A-Z]{2}$", ErrorMessage = "The default region is two upper-case letters (ISO 3166), for example US or GB.")]
    public string DefaultRegion { get; set; } = "US";

    /// <summary>The reply to HELP and INFO. Empty: no reply.</summary>
    [StringLength(320)]
    public string? HelpReply { get; set; } = "Reply STOP to unsubscribe, START to subscribe again. Msg&data rates may apply.";

    /// <summary>The confirmation of an opt-out (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT). Empty: no reply.</summary>
    [StringLength(320)]
    public string? StopReply { get; set; } = "You have been unsubscribed and will receive no more messages. Reply START to subscribe again.";

    /// <summary>The confirmation of an opt-in (START, YES, UNSTOP). Empty: no reply.</summary>
    [StringLength(320)]
    public string? StartReply { get; set; } = "You have been subscribed again. Reply HELP for help, STOP to unsubscribe.";

    /// <summary>The most segments (SMS messages) one message may take; a longer one is refused (1 to 10).</summary>
    [Range(1, 10)]
    public int MaxSegments { get; set; } = DefaultMaxSegments;

    /// <summary>How long to wait for the provider's answer before the send fails transiently (1 to 60 seconds).</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Refuses a sender given twice and a region the phone number library does not know.</summary>
    /// <param name="validationContext">The context of the validation.</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(FromNumber) && !string.IsNullOrEmpty(MessagingServiceSid))
        {
            yield return new ValidationResult(
                "Set either the from number or the messaging service SID, not both.",
                [nameof(FromNumber), nameof(MessagingServiceSid)]);
        }

        if (!string.IsNullOrEmpty(DefaultRegion) && !PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(DefaultRegion))
        {
            yield return new ValidationResult($"'{DefaultRegion}' is not a region phone numbers are known for.", [nameof(DefaultRegion)]);
        }
    }

    /// <summary>What is missing before messages can be sent, or null when nothing is.</summary>
    internal string? MissingForSending() =>
        string.IsNullOrEmpty(AccountSid) ? nameof(AccountSid)
        : string.IsNullOrEmpty(AuthToken) ? nameof(AuthToken)
        : string.IsNullOrEmpty(FromNumber) && string.IsNullOrEmpty(MessagingServiceSid) ? $"{nameof(FromNumber)} or {nameof(MessagingServiceSid)}"
        : null;
}
