using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmPlatform.Host.Tests.Channels.WebChat;

/// <summary>The live channel routes on a real host with the bundled web chat plugin: assets, the live stream and cross-origin headers.</summary>
[Collection(WebChatHost.Collection)]
public sealed class LiveRouteTests : IAsyncLifetime
{
    private WebChatHost _chat = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _chat = await WebChatHost.StartAsync();

    public ValueTask DisposeAsync() => _chat.DisposeAsync();

    [Fact]
    public async Task Asset_WidgetJs_IsServedAsScriptWithAnEntityTagAndAShortPublicCacheLifetime()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "channels/webchat/assets/widget.js");
        request.Headers.Add("Origin", "http://shop.example");
        var response = await _chat.Host.Anonymous.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("window.CrmChat", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, "channels/webchat/assets/widget.js");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        var revalidated = await _chat.Host.Anonymous.SendAsync(again, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Theory]
    [InlineData("channels/webchat/assets/missing.js")]
    [InlineData("channels/sms/assets/widget.js")]
    [InlineData("channels/nowhere/assets/widget.js")]
    public async Task Asset_UnknownNameOrNotALiveChannel_IsNotFoundAsProblem(string url)
    {
        var response = await _chat.Host.Anonymous.GetAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("channels/webchat/live")]
    [InlineData("channels/webchat/live?token=v-00000000000000000000000000000000.AAAA")]
    public async Task Live_NoOrForgedToken_IsForbidden(string url)
    {
        var response = await _chat.Host.Anonymous.GetAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Live_LastEventIdNotANumber_IsAProblemNamingTheHeader()
    {
        var (_, token) = await _chat.StartVisitorAsync();
        using var stream = await EventStream.OpenAsync(_chat.Host.Anonymous, $"channels/webchat/live?token={Uri.EscapeDataString(token)}", lastEventId: "yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, stream.Response.StatusCode);
        var problem = await stream.Response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Last-Event-ID", out _));
    }

    [Fact]
    public async Task Live_VisitorWritesAndAgentReplies_StreamsBothInOrderAndResumesAfterTheLastEventId()
    {
        var (visitor, token) = await _chat.StartVisitorAsync();
        var url = $"channels/webchat/live?token={Uri.EscapeDataString(token)}";
        using var stream = await EventStream.OpenAsync(_chat.Host.Anonymous, url);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType!.MediaType);

        var posted = await _chat.PostInboundAsync(new { type = "message", token, id = "m1", text = "Is the blue one in stock?", consent = true });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var (visitorEventId, visitorMessage) = await stream.NextAsync();
        var customer = await _chat.CustomerOfAsync(visitor);
        await _chat.ReplyAsync(customer, "Yes, we have three left.");
        JsonElement reply;
        try
        {
            (_, reply) = await stream.NextAsync();
        }
        catch (OperationCanceledException)
        {
            Assert.Fail(string.Join("\n", (await _chat.TimelineAsync(customer)).Select(e => e.ToString())));
            throw;
        }

        Assert.Equal($"{visitor}:m1", visitorMessage.GetProperty("id").GetString());
        Assert.Equal("visitor", visitorMessage.GetProperty("from").GetString());
        Assert.Equal("Is the blue one in stock?", visitorMessage.GetProperty("text").GetString());
        Assert.Equal("agent", reply.GetProperty("from").GetString());
        Assert.Equal("Yes, we have three left.", reply.GetProperty("text").GetString());

        using var resumed = await EventStream.OpenAsync(_chat.Host.Anonymous, url, lastEventId: visitorEventId);
        var (_, first) = await resumed.NextAsync();
        Assert.Equal("Yes, we have three left.", first.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Live_AnotherVisitorsToken_DoesNotSeeTheConversation()
    {
        var (_, token) = await _chat.StartVisitorAsync();
        var (_, otherToken) = await _chat.StartVisitorAsync();
        using var other = await EventStream.OpenAsync(_chat.Host.Anonymous, $"channels/webchat/live?token={Uri.EscapeDataString(otherToken)}");
        using var own = await EventStream.OpenAsync(_chat.Host.Anonymous, $"channels/webchat/live?token={Uri.EscapeDataString(token)}");

        await _chat.PostInboundAsync(new { type = "message", token, id = "p1", text = "Private question", consent = true });

        Assert.Equal("Private question", (await own.NextAsync()).Data.GetProperty("text").GetString());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => other.NextAsync(TimeSpan.FromSeconds(2)));
    }
}
