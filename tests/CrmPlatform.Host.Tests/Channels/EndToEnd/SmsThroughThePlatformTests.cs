using System.Net;
using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Host.Tests.Plugins.Runtime;
using CrmPlatform.Plugins.Sms.Tests;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Tests.Channels.EndToEnd;

/// <summary>
/// The bundled SMS plugin behind the platform, talking to a provider stand-in on loopback that
/// implements the provider's send contract: sends go out signed in, forged webhooks are refused
/// with 403 and recorded, and a STOP from the customer's phone opts them out so the next send is refused.
/// </summary>
public sealed class SmsThroughThePlatformTests
{
    private const string PluginId = "crm.sms";
    private const string AuthToken = "auth-token-0123456789abcdef";
    private const string AccountSid = "AC00000000000000000000000000000001";
    private const string PublicBaseUrl = "https://crm.example.com";
    private const string Phone = "+447400123456";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InboundStop_FromTheCustomersPhone_OptsOutAndTheNextSendIsRefused()
    {
        await using var provider = await FakeSmsProvider.StartAsync();
        await using var host = await StartAsync(provider);
        await BundledChannel.RegisterAsync(host, "ada", phone: Phone);
        await BundledChannel.GrantAsync(host, "ada", "sms");

        await (await BundledChannel.SendAsync(host, "ada", new { channel = "sms", text = "Your order has shipped" })).ExpectAsync(HttpStatusCode.Accepted);
        await Eventually.UntilAsync(() => host.EventsOfAsync("ada"), e => e.Any(x => x.Event is MessageSent), e => "not sent yet");
        await host.Host.GetService<CrmPlatform.Host.Customers.ReadModel.ReadModelProjector>()
            .WaitForAsync(await host.Log.GetHeadPositionAsync(Cancel), TimeSpan.FromSeconds(30), Cancel);
        using var stop = await InboundAsync(host, Message("SM0000000000000000000000000000stop", " stop "), sign: true);
        var refused = await BundledChannel.SendAsync(host, "ada", new { channel = "sms", text = "Flash sale!" });

        var send = Assert.Single(provider.Requests);
        Assert.Equal(($"{AccountSid}:{AuthToken}", Phone, "Your order has shipped"), (send.Credentials, send.Form["To"], send.Form["Body"]));
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Contains("You have been unsubscribed", await stop.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var events = (await host.EventsOfAsync("ada")).Select(e => e.Event).ToList();
        Assert.Contains(events, e => e is MessageReceived { Text: "stop" or " stop " });
        var optOut = Assert.Single(events.OfType<ConsentChanged>(), c => c.Status == ConsentStatus.Withdrawn);
        Assert.Equal("sms", optOut.Channel);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(events.Concat((await host.EventsOfAsync("ada")).Select(e => e.Event)), e => e is MessageRefused);
        Assert.Single(provider.Requests);
    }

    [Fact]
    public async Task Inbound_ForgedSignature_Is403RecordedAndWritesNothing()
    {
        await using var provider = await FakeSmsProvider.StartAsync();
        await using var host = await StartAsync(provider);
        await BundledChannel.RegisterAsync(host, "ada", phone: Phone);
        var before = (await host.EventsAsync()).Count;

        using var forged = await InboundAsync(host, Message("SM00000000000000000000000000forged", "STOP"), sign: false);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        var rejections = await host.GetAsync("api/channels/rejections?channel=sms");
        Assert.Equal(1, rejections.GetArrayLength());
        Assert.Equal(before, (await host.EventsAsync()).Count);
    }

    private static async Task<RuntimeHost> StartAsync(FakeSmsProvider provider)
    {
        var host = await RuntimeHost.StartAsync("--Crm:Plugins:BundledPlugins=crm.sms", $"--Crm:Channels:PublicBaseUrl={PublicBaseUrl}");
        await BundledChannel.EnableAsync(host, PluginId, new
        {
            baseUrl = provider.BaseUrl,
            accountSid = AccountSid,
            authToken = AuthToken,
            fromNumber = "+15005550006",
            defaultRegion = "GB",
        });
        return host;
    }

    private static List<KeyValuePair<string, string>> Message(string sid, string body) =>
    [
        new("MessageSid", sid),
        new("AccountSid", AccountSid),
        new("From", Phone),
        new("To", "+15005550006"),
        new("Body", body),
        new("NumMedia", "0"),
    ];

    /// <summary>Posts the form as the provider does, signed with the account's auth token (or with a wrong one).</summary>
    private static Task<HttpResponseMessage> InboundAsync(RuntimeHost host, List<KeyValuePair<string, string>> form, bool sign)
    {
        var url = $"{PublicBaseUrl}/channels/sms/inbound";
        var data = url + string.Concat(form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
#pragma warning disable CA5350 // The provider's webhook signature is HMAC-SHA1.
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(sign ? AuthToken : "not-the-auth-token"));
#pragma warning restore CA5350
        var request = new HttpRequestMessage(HttpMethod.Post, "channels/sms/inbound") { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation("X-Twilio-Signature", Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data))));
        return host.Host.Anonymous.SendAsync(request, Cancel);
    }
}
