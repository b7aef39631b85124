using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace CrmPlatform.Host.Tests.Channels.WebChat;

/// <summary>
/// How long a message takes to reach the visitor's live stream on the embedded (SQLite) host: from
/// the visitor's post to its echo, and from the agent's API call (request, delivery through the
/// plugin's subscription, sent) to the reply. Prints the medians and the worst as figures (a timed
/// assertion would only measure how loaded the machine is); it fails when a round trip does not arrive.
/// </summary>
[Collection(WebChatHost.Collection)]
public sealed class LiveLatencyTests
{
    private const int Rounds = 20;

    [Fact]
    public async Task Live_TwentyRoundTrips_ArriveInOrderAndPrintTheirLatency()
    {
        await using var chat = await WebChatHost.StartAsync();
        var (visitor, token) = await chat.StartVisitorAsync();
        using var stream = await EventStream.OpenAsync(chat.Host.Anonymous, $"channels/webchat/live?token={Uri.EscapeDataString(token)}");
        var echoes = new List<double>();
        var replies = new List<double>();
        string? customer = null;
        for (var i = 0; i < Rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.Accepted, (await chat.PostInboundAsync(new { type = "message", token, id = $"r{i}", text = $"Question {i}", consent = i == 0 })).StatusCode);
            Assert.Equal($"Question {i}", (await stream.NextAsync()).Data.GetProperty("text").GetString());
            echoes.Add(clock.Elapsed.TotalMilliseconds);

            customer ??= await chat.CustomerOfAsync(visitor);
            clock.Restart();
            await chat.ReplyAsync(customer, $"Answer {i}");
            Assert.Equal($"Answer {i}", (await stream.NextAsync()).Data.GetProperty("text").GetString());
            replies.Add(clock.Elapsed.TotalMilliseconds);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"web chat live stream, {Rounds} rounds: visitor post to echo median {Median(echoes):F0} ms (max {echoes.Max():F0}); agent API call to reply median {Median(replies):F0} ms (max {replies.Max():F0})"));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
