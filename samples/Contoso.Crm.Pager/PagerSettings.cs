using System.ComponentModel.DataAnnotations;
using CrmPlatform.Sdk.Settings;

namespace Contoso.Crm.Pager;

/// <summary>
/// What an administrator configures; the platform validates the data annotations before it stores
/// the settings, and never returns or logs a <see cref="SecretAttribute"/> property. Everything may
/// stay empty, so the plugin installs unconfigured: until <see cref="ApiKey"/> is set sends fail
/// transiently (they go out once it is), and until <see cref="WebhookSecret"/> is set webhooks are rejected.
/// </summary>
public sealed class PagerSettings
{
    /// <summary>The root of Contoso Pager's API; pages are posted to <c>{BaseUrl}/v1/pages</c>.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; init; } = "https://api.pager.contoso.example";

    /// <summary>The API key, sent as <c>Authorization: Bearer {ApiKey}</c>.</summary>
    [Secret]
    [StringLength(256)]
    public string? ApiKey { get; init; }

    /// <summary>The key of the HMAC-SHA256 signature Contoso Pager puts on its webhooks (<c>X-Pager-Signature</c>).</summary>
    [Secret]
    [StringLength(256)]
    public string? WebhookSecret { get; init; }
}
