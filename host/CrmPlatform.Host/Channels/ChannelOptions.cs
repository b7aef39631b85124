namespace CrmPlatform.Host.Channels;

/// <summary>How the platform side of contact channels behaves (configuration section <c>Crm:Channels</c>).</summary>
public sealed class ChannelOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Channels";

    /// <summary>
    /// The platform's public base URL as providers call it (for example <c>https://crm.example.com</c>),
    /// which signatures cover; null: taken from the request (scheme, host, path base).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>What happens to a message from a sender no customer matches.</summary>
    public UnknownSenderPolicy UnknownSenders { get; set; } = UnknownSenderPolicy.CreateProspect;

    /// <summary>The largest webhook body accepted, in bytes; larger ones get 413.</summary>
    public int MaxInboundBytes { get; set; } = 256 * 1024;

    /// <summary>Webhook requests one caller may make to one channel per minute; more get 429.</summary>
    public int InboundPermitsPerMinute { get; set; } = 600;
}
