using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Plugins.Sms.Tests;

/// <summary>Builds webhook requests the way the provider sends them: a form body signed with the account's auth token.</summary>
internal static class SignedWebhook
{
    public static readonly Uri Url = new("https://crm.example.com/channels/sms/inbound");

    public static InboundRequest Create(IReadOnlyList<KeyValuePair<string, string>> form, string authToken = TestMessages.AuthToken, Uri? url = null)
    {
        url ??= Url;
        var body = string.Join("&", form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return Request(url, body, Sign(authToken, url.OriginalString, form));
    }

    public static InboundRequest Request(Uri url, string body, string? signature, string contentType = "application/x-www-form-urlencoded; charset=utf-8")
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Host"] = url.Authority };
        if (signature is not null)
        {
            headers["X-Twilio-Signature"] = signature;
        }

        return new InboundRequest(url, "POST", headers, contentType, Encoding.UTF8.GetBytes(body));
    }

    public static List<KeyValuePair<string, string>> Message(string body, string from = "+447400123456") =>
    [
        new("ToCountry", "US"),
        new("SmsMessageSid", "SM11111111111111111111111111111111"),
        new("NumMedia", "0"),
        new("SmsSid", "SM11111111111111111111111111111111"),
        new("SmsStatus", "received"),
        new("Body", body),
        new("To", TestMessages.From),
        new("MessageSid", "SM11111111111111111111111111111111"),
        new("AccountSid", TestMessages.AccountSid),
        new("From", from),
        new("ApiVersion", "2010-04-01"),
    ];

    public static List<KeyValuePair<string, string>> Status(string status, string? errorCode = null)
    {
        List<KeyValuePair<string, string>> form =
        [
            new("SmsSid", "SM22222222222222222222222222222222"),
            new("SmsStatus", status),
            new("MessageStatus", status),
            new("To", "+447400123456"),
            new("MessageSid", "SM22222222222222222222222222222222"),
            new("AccountSid", TestMessages.AccountSid),
            new("From", TestMessages.From),
            new("ApiVersion", "2010-04-01"),
        ];
        if (errorCode is not null)
        {
            form.Add(new("ErrorCode", errorCode));
        }

        return form;
    }

    /// <summary>The provider's algorithm, written out independently of the plugin's: URL, then name+value of each parameter sorted by name, HMAC-SHA1, Base64.</summary>
    private static string Sign(string authToken, string url, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var data = url + string.Concat(form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
#pragma warning disable CA5350 // The provider's signature is HMAC-SHA1.
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
#pragma warning restore CA5350
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data)));
    }
}
