namespace CrmPlatform.Plugins.Email;

/// <summary>The headers the plugin writes on outbound mail and reads on inbound webhook requests.</summary>
public static class EmailHeaders
{
    /// <summary>On every sent message: the platform's id of the message.</summary>
    public const string CrmMessageId = "X-Crm-Message-Id";

    /// <summary>On every sent message when an unsubscribe address or URL is configured (RFC 2369).</summary>
    public const string ListUnsubscribe = "List-Unsubscribe";

    /// <summary>With an https unsubscribe URL: <c>List-Unsubscribe=One-Click</c> (RFC 8058).</summary>
    public const string ListUnsubscribePost = "List-Unsubscribe-Post";

    /// <summary>On an inbound webhook request: the shared secret, as configured.</summary>
    public const string InboundSecret = "X-Crm-Inbound-Secret";

    /// <summary>On an inbound webhook request, instead of the secret: <c>sha256=</c> and the hex HMAC-SHA256 of the body keyed with the secret.</summary>
    public const string InboundSignature = "X-Crm-Inbound-Signature";
}
