namespace CrmPlatform.Sdk.Channels;

/// <summary>A provider's webhook request as it reached the platform.</summary>
/// <param name="Url">The public URL the provider called (scheme, host, path and query), as signatures cover it.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Headers">The request headers (names case-insensitive; repeated headers joined with commas).</param>
/// <param name="ContentType">The body's media type, or null when there is none.</param>
/// <param name="Body">The raw body.</param>
public sealed record InboundRequest(
    Uri Url,
    string Method,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    ReadOnlyMemory<byte> Body);
