namespace CrmPlatform.Plugins.Webhooks;

/// <summary>The HTTP headers of a webhook delivery.</summary>
public static class WebhookHeaders
{
    /// <summary>The event's id. An event can arrive more than once: receivers use it to act only once.</summary>
    public const string EventId = "X-Crm-Event-Id";

    /// <summary>The event's stable type name, for example <c>crm.customer.order-placed.v1</c>.</summary>
    public const string EventType = "X-Crm-Event-Type";

    /// <summary>When the delivery was signed, in Unix seconds; part of the signed text.</summary>
    public const string Timestamp = "X-Crm-Webhook-Timestamp";

    /// <summary>The signature, <c>v1=&lt;lower-case hex HMAC-SHA256&gt;</c> (see <see cref="WebhookSignature"/>).</summary>
    public const string Signature = "X-Crm-Signature";
}
