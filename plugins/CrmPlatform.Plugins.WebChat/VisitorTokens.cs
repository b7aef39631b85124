using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CrmPlatform.Plugins.WebChat;

/// <summary>
/// Visitor ids and the tokens that prove a browser was given one. An anonymous visitor gets a random
/// id (<c>v-</c> and 32 hex digits); an identified customer gets an id derived from the email
/// (<c>u-</c> and 32 hex digits of an HMAC), the same on every device, so the platform links it to
/// the customer. A token is <c>{visitorId}.{base64url HMAC-SHA256 of the id}</c> under the token secret.
/// </summary>
internal static partial class VisitorTokens
{
    /// <summary>A new random visitor id.</summary>
    public static string NewVisitorId() => "v-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The visitor id of the customer with this email.</summary>
    public static string IdentifiedVisitorId(string secret, string email) =>
        "u-" + Convert.ToHexStringLower(Mac(secret, "identified\n" + NormalizeEmail(email)))[..32];

    /// <summary>True for an id this plugin issues.</summary>
    public static bool IsVisitorId(string? value) => value is not null && VisitorIdPattern().IsMatch(value);

    /// <summary>The token of <paramref name="visitorId"/>.</summary>
    public static string Issue(string secret, string visitorId) =>
        visitorId + "." + Base64Url(Mac(secret, "visitor\n" + visitorId));

    /// <summary>The visitor id the token proves, or null when it was not issued with this secret.</summary>
    public static string? Verify(string secret, string? token)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || token.Length > 200 || dot < 0)
        {
            return null;
        }

        var visitorId = token[..dot];
        if (!IsVisitorId(visitorId))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Issue(secret, visitorId));
        var given = Encoding.ASCII.GetBytes(token);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? visitorId : null;
    }

    /// <summary>The signature the site's back end gives an identify call: hex HMAC-SHA256 of the lower-cased, trimmed email.</summary>
    public static string IdentitySignature(string identitySecret, string email) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(identitySecret), Encoding.UTF8.GetBytes(NormalizeEmail(email))));

    /// <summary>True when <paramref name="signature"/> is the identity signature of <paramref name="email"/>.</summary>
    public static bool IsIdentitySignature(string identitySecret, string email, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(IdentitySignature(identitySecret, email)),
            Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant()));

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    private static byte[] Mac(string secret, string data) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^[uv]-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex VisitorIdPattern();
}
