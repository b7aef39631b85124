using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Channels.WebChat;

/// <summary>
/// Two hosts on one PostgreSQL database form a cluster: a visitor's live stream on one host
/// receives what the other host recorded (its message and the agent's reply), because the stream
/// follows the customer's events in the shared log.
/// </summary>
[Collection(WebChatHost.Collection)]
public sealed class LiveClusterTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_StreamOnOneHost_ReceivesWhatTheOtherHostRecorded()
    {
        string[] cluster = ["--Crm:Storage:Provider=Postgres", $"--Crm:Storage:ConnectionString={database.ConnectionString}"];
        await using var first = await WebChatHost.StartAsync(cluster);
        await using var second = await WebChatHost.StartAsync(cluster, joining: first);
        var (visitor, token) = await first.StartVisitorAsync();
        using var stream = await EventStream.OpenAsync(second.Host.Anonymous, $"channels/webchat/live?token={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await first.PostInboundAsync(new { type = "message", token, id = "c1", text = "Hello from host one", consent = true })).StatusCode);
        var (_, message) = await stream.NextAsync();
        await first.ReplyAsync(await first.CustomerOfAsync(visitor), "Answered on host one");
        var (_, reply) = await stream.NextAsync();

        Assert.Equal("Hello from host one", message.GetProperty("text").GetString());
        Assert.Equal("agent", reply.GetProperty("from").GetString());
        Assert.Equal("Answered on host one", reply.GetProperty("text").GetString());
    }
}
