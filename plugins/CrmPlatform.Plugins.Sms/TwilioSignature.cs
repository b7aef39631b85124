using System.Security.Cryptography;
using System.Text;

namespace CrmPlatform.Plugins.Sms;

/// <summary>
/// The provider's webhook signature (<c>X-Twilio-Signature</c>): the Base64 HMAC-SHA1, keyed with the
/// auth token (UTF-8), of the full URL the provider called followed by every POST parameter sorted
/// by name (ordinal; equal names by value), each name immediately followed by its value.
/// </summary>
public static class TwilioSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string Header = "X-Twilio-Signature";

    /// <summary>The signature of a request to <paramref name="url"/> with the POST <paramref name="parameters"/>.</summary>
    /// <param name="authToken">The account's auth token.</param>
    /// <param name="url">The full URL, with scheme, host, path and query, exactly as the provider was given it.</param>
    /// <param name="parameters">The decoded POST parameters (none for a GET).</param>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        // The provider defines the signature as HMAC-SHA1; a receiver cannot choose another algorithm.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>True when <paramref name="signature"/> is the signature of the request; compares in constant time.</summary>
    /// <param name="authToken">The account's auth token.</param>
    /// <param name="url">The full URL the provider called.</param>
    /// <param name="parameters">The decoded POST parameters.</param>
    /// <param name="signature">The <see cref="Header"/> value.</param>
    public static bool Verify(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(authToken, url, parameters));
        var given = Encoding.ASCII.GetBytes(signature.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
