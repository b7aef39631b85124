using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrmPlatform.Plugins.Webhooks;

/// <summary>
/// Signs and verifies webhook deliveries. The signature is
/// <c>v1=</c> followed by the lower-case hex HMAC-SHA256, keyed with the endpoint's secret (UTF-8),
/// of the text <c>{timestamp}.{body}</c>, where <c>timestamp</c> is the
/// <see cref="WebhookHeaders.Timestamp"/> header (Unix seconds) and <c>body</c> the exact bytes of
/// the request body. Receivers call <see cref="Verify(string, string?, string?, ReadOnlySpan{byte}, DateTimeOffset, TimeSpan)"/>.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The scheme prefix of the current signature version.</summary>
    public const string Scheme = "v1";

    private const int MacLength = 32;

    /// <summary>How far a delivery's timestamp may be from the receiver's clock: five minutes.</summary>
    public static TimeSpan DefaultTolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The signature header value (<c>v1=…</c>) of <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    /// <param name="secret">The endpoint's secret.</param>
    /// <param name="timestamp">The <see cref="WebhookHeaders.Timestamp"/> value, in Unix seconds.</param>
    /// <param name="body">The exact bytes of the request body.</param>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        Scheme + "=" + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    /// <summary>The signature header value (<c>v1=…</c>) of a UTF-8 <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    /// <param name="secret">The endpoint's secret.</param>
    /// <param name="timestamp">The <see cref="WebhookHeaders.Timestamp"/> value, in Unix seconds.</param>
    /// <param name="body">The request body as text; signed as its UTF-8 bytes.</param>
    public static string Compute(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Compute(secret, timestamp, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>
    /// True when <paramref name="signature"/> is a valid signature of <paramref name="body"/> with
    /// <paramref name="secret"/> and <paramref name="timestamp"/> lies within <paramref name="tolerance"/>
    /// of <paramref name="now"/>. Compares in constant time. The header may carry several
    /// comma-separated signatures (for example while a secret is rotated); one valid one suffices.
    /// </summary>
    /// <param name="secret">The endpoint's secret.</param>
    /// <param name="timestamp">The <see cref="WebhookHeaders.Timestamp"/> header.</param>
    /// <param name="signature">The <see cref="WebhookHeaders.Signature"/> header.</param>
    /// <param name="body">The exact bytes of the request body, as received.</param>
    /// <param name="now">The receiver's clock.</param>
    /// <param name="tolerance">How old (or how far in the future) the timestamp may be; <see cref="DefaultTolerance"/> is a good choice.</param>
    public static bool Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(signature)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs((double)now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Mac(secret, seconds, body);
        Span<byte> given = stackalloc byte[MacLength];
        var valid = false;
        foreach (var part in signature.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(Scheme + "=", StringComparison.Ordinal)
                && Convert.FromHexString(part.AsSpan(Scheme.Length + 1), given, out var consumed, out var written) == OperationStatus.Done
                && consumed == part.Length - Scheme.Length - 1
                && written == MacLength)
            {
                valid |= CryptographicOperations.FixedTimeEquals(expected, given);
            }
        }

        return valid;
    }

    /// <summary>
    /// True when <paramref name="signature"/> is a valid signature of a UTF-8 <paramref name="body"/>;
    /// see <see cref="Verify(string, string?, string?, ReadOnlySpan{byte}, DateTimeOffset, TimeSpan)"/>.
    /// </summary>
    /// <param name="secret">The endpoint's secret.</param>
    /// <param name="timestamp">The <see cref="WebhookHeaders.Timestamp"/> header.</param>
    /// <param name="signature">The <see cref="WebhookHeaders.Signature"/> header.</param>
    /// <param name="body">The request body as text.</param>
    /// <param name="now">The receiver's clock.</param>
    /// <param name="tolerance">How old (or how far in the future) the timestamp may be.</param>
    public static bool Verify(string secret, string? timestamp, string? signature, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(secret, timestamp, signature, Encoding.UTF8.GetBytes(body), now, tolerance);
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
