using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmPlatform.Host.Tests.Channels.WebChat;

/// <summary>The widget's requests to the inbound route on a real host: prospects, forged tokens, oversized text, cross-origin reads.</summary>
[Collection(WebChatHost.Collection)]
public sealed class WebChatInboundRouteTests : IAsyncLifetime
{
    private WebChatHost _chat = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _chat = await WebChatHost.StartAsync();

    public ValueTask DisposeAsync() => _chat.DisposeAsync();

    [Fact]
    public async Task Inbound_AnonymousVisitorWrites_BecomesAProspectOptedInToWebChat()
    {
        var (visitor, token) = await _chat.StartVisitorAsync();

        var posted = await _chat.PostInboundAsync(new { type = "message", token, id = "a1", text = "Hello?", consent = true });
        var again = await _chat.PostInboundAsync(new { type = "message", token, id = "a1", text = "Hello?", consent = true });
        var customerId = await _chat.CustomerOfAsync(visitor);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var customer = await _chat.Host.Admin.GetFromJsonAsync<JsonElement>($"api/customers/{customerId}", Cancel);
        Assert.Equal("prospect", customer.GetProperty("stage").GetString());
        Assert.Single(await _chat.TimelineAsync(customerId), e => e.GetProperty("type").GetString()!.StartsWith("crm.customer.message-received", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inbound_MessageWithAForgedToken_IsForbiddenAndRecordsNothing()
    {
        var response = await _chat.PostInboundAsync(new { type = "message", token = "v-00000000000000000000000000000000.AAAA", id = "f1", text = "Hi" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await _chat.Host.GetService<CrmPlatform.Host.Channels.IChannelStore>().FindIdentityAsync("webchat", "v-00000000000000000000000000000000", Cancel));
    }

    [Fact]
    public async Task Inbound_TextTooLong_IsAProblemNamingText()
    {
        var (_, token) = await _chat.StartVisitorAsync();

        var response = await _chat.PostInboundAsync(new { type = "message", token, id = "l1", text = new string('x', 2_001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task Inbound_FromAPageOfAnotherOrigin_CarriesTheCrossOriginHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "channels/webchat/inbound")
        {
            Content = new StringContent("{\"type\":\"start\"}", System.Text.Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", "http://shop.example");

        var response = await _chat.Host.Anonymous.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }
}
