namespace CrmPlatform.Sdk.Channels;

/// <summary>The answer to a provider's webhook request, when the provider expects one (for example a reply to an SMS keyword).</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="ContentType">The body's media type.</param>
/// <param name="Body">The body.</param>
public sealed record InboundResponse(int StatusCode, string ContentType, string Body);
