using System.ComponentModel.DataAnnotations;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Plugins.WebChat;

/// <summary>
/// The plugin's settings. The plugin installs unconfigured; until <see cref="TokenSecret"/> is set
/// no visitor can start a conversation (every inbound request is refused).
/// </summary>
public sealed class WebChatSettings
{
    /// <summary>The default of <see cref="MaxTextLength"/>.</summary>
    public const int DefaultMaxTextLength = 2_000;

    /// <summary>
    /// The key of the visitor tokens the plugin issues (HMAC-SHA256 of the visitor id) and of the
    /// visitor ids of identified customers. Changing it signs every visitor out.
    /// </summary>
    [Secret]
    [StringLength(256, MinimumLength = 16)]
    public string? TokenSecret { get; set; }

    /// <summary>
    /// The secret shared with the site's back end, which signs the email of a signed-in customer
    /// (hex HMAC-SHA256 of the lower-cased email) for <c>CrmChat.identify</c>. Empty: identify calls
    /// are refused unless <see cref="AllowUnsignedIdentify"/>.
    /// </summary>
    [Secret]
    [StringLength(256, MinimumLength = 16)]
    public string? IdentitySecret { get; set; }

    /// <summary>
    /// Accepts identify calls without a signature: any visitor may then claim any email and read
    /// that customer's web chat replies. For demonstrations only.
    /// </summary>
    public bool AllowUnsignedIdentify { get; set; }

    /// <summary>The longest message a visitor may send, in characters (1 to 10000).</summary>
    [Range(1, 10_000)]
    public int MaxTextLength { get; set; } = DefaultMaxTextLength;
}
