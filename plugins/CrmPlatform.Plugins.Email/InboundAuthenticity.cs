using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Plugins.Email;

/// <summary>
/// Checks an inbound webhook request against the shared secret: either the secret itself in
/// <c>X-Crm-Inbound-Secret</c>, or <c>sha256=</c> and the lower- or upper-case hex HMAC-SHA256 of the
/// raw body, keyed with the secret's UTF-8 bytes, in <c>X-Crm-Inbound-Signature</c>. Both are
/// compared in constant time.
/// </summary>
internal static class InboundAuthenticity
{
    private const string SignaturePrefix = "sha256=";

    public static InboundVerification Verify(InboundRequest request, string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return InboundVerification.Rejected("No inbound secret is configured: every inbound request is refused.");
        }

        var key = Encoding.UTF8.GetBytes(secret);
        if (Header(request, EmailHeaders.InboundSecret) is { } given)
        {
            // Hashing both sides first makes the comparison independent of the lengths too.
            return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(key))
                ? InboundVerification.Genuine
                : InboundVerification.Rejected($"The {EmailHeaders.InboundSecret} header does not match the inbound secret.");
        }

        if (Header(request, EmailHeaders.InboundSignature) is { } signature)
        {
            var expected = HMACSHA256.HashData(key, request.Body.Span);
            return signature.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase)
                && TryHex(signature[SignaturePrefix.Length..].Trim(), out var actual)
                && CryptographicOperations.FixedTimeEquals(actual, expected)
                ? InboundVerification.Genuine
                : InboundVerification.Rejected($"The {EmailHeaders.InboundSignature} header is not the HMAC-SHA256 of the body.");
        }

        return InboundVerification.Rejected($"The request carries neither {EmailHeaders.InboundSecret} nor {EmailHeaders.InboundSignature}.");
    }

    /// <summary>The signature header's value for <paramref name="body"/>: <c>sha256=</c> and the hex HMAC.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>A header by name, ignoring case even when the dictionary does not.</summary>
    public static string? Header(InboundRequest request, string name)
    {
        if (request.Headers.TryGetValue(name, out var value))
        {
            return value;
        }

        return request.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length != 64)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
