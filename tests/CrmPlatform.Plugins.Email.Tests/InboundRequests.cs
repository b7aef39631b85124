using System.Text;
using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Plugins.Email.Tests;

/// <summary>Inbound webhook requests as the platform's route hands them to the plugin.</summary>
internal static class InboundRequests
{
    public static readonly Uri Url = new("https://crm.shop.example/channels/email/inbound");

    public static InboundRequest File(string name, IReadOnlyDictionary<string, string>? headers = null) =>
        Raw(System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Inbound", name)), headers);

    public static InboundRequest Raw(byte[] body, IReadOnlyDictionary<string, string>? headers = null, string? contentType = "message/rfc822") =>
        new(Url, "POST", headers ?? new Dictionary<string, string>(), contentType, body);

    public static InboundRequest Text(string body, string? contentType = "message/rfc822") =>
        Raw(Encoding.UTF8.GetBytes(body), null, contentType);
}
