using System.Net;
using System.Text.Json;
using CrmPlatform.Host.Tests.Channels;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Host.Tests.Plugins.Runtime;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Tests.Service;

/// <summary>Conversations on cases over the test channel: replies go through the customer's message rules and plugin, and the customer's answers thread onto the case.</summary>
public sealed class CaseConversationTests
{
    private const string Phone = "+44 20 7946 0000";

    [Fact]
    public async Task Reply_GoesOutThroughTheChannelOnce_FirstResponseIsTheSentTime_AndTheCustomersAnswerThreadsOntoTheCase()
    {
        await using var host = await ChannelTestHost.StartAsync();
        await host.RegisterAsync("ada", phone: Phone);
        await host.RegisterAsync("charles", phone: "+44 20 7946 0001");
        await host.GrantAsync("ada");
        var quiet = await OpenAsync(host, "ada", "An older question");
        var id = await OpenAsync(host, "ada", "Router drops");
        var unconsented = await OpenAsync(host, "charles", "Invoice wrong");

        var accepted = await (await host.Admin.PostJsonAsync($"api/cases/{id}/replies", Http.Json(new { channel = "test", text = "We are on it." }), idempotencyKey: "reply-1")).ExpectAsync(HttpStatusCode.Accepted);
        var again = await (await host.Admin.PostJsonAsync($"api/cases/{id}/replies", Http.Json(new { channel = "test", text = "We are on it." }), idempotencyKey: "reply-1")).ExpectAsync(HttpStatusCode.Accepted);
        var messageId = accepted.GetProperty("messageId").GetString()!;
        var refused = await host.Admin.PostJsonAsync($"api/cases/{unconsented}/replies", Http.Json(new { channel = "test", text = "Sorry about that." }));

        var events = await host.WaitForAsync<MessageSent>("ada", m => m.MessageId == messageId);
        var sentAt = events.Single(e => e.Event is MessageSent).OccurredAt;
        var view = await Eventually.UntilAsync(
            () => host.GetAsync($"api/cases/{id}"),
            v => v.GetProperty("firstRespondedAt").ValueKind == JsonValueKind.String,
            v => $"The case has no first response: {v}");

        Assert.Equal(messageId, again.GetProperty("messageId").GetString());
        var send = Assert.Single(host.Sends());
        Assert.Equal(("sent", "+442079460000", $"ada:{messageId}"), (send["outcome"], send["recipient"], send["key"]));
        var requested = Assert.Single((await host.EventsOfAsync("ada")).Select(e => e.Event).OfType<MessageRequested>());
        Assert.Equal(("test", "We are on it."), (requested.Channel, requested.Text));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.True((await refused.ReadJsonAsync()).GetProperty("errors").TryGetProperty("consent", out _));
        Assert.Empty((await host.GetAsync($"api/cases/{unconsented}")).GetProperty("conversation").EnumerateArray());
        Assert.Equal(sentAt, view.GetProperty("firstRespondedAt").GetDateTimeOffset());
        var reply = Assert.Single(view.GetProperty("conversation").EnumerateArray());
        Assert.Equal(("outbound", "test", messageId), (reply.GetProperty("direction").GetString(), reply.GetProperty("channel").GetString(), reply.GetProperty("messageId").GetString()));
        Assert.Equal(sentAt, reply.GetProperty("sentAt").GetDateTimeOffset());

        // The customer answers on the same channel: it threads onto the case the reply came from, once.
        await host.WaitForReadModelAsync();
        var answer = new { messages = new[] { new { id = "in-1", text = "Still dropping every hour.", from = new { phone = "+442079460000" } } } };
        await (await host.InboundAsync(answer)).ExpectAsync(HttpStatusCode.OK);
        await (await host.InboundAsync(answer)).ExpectAsync(HttpStatusCode.OK);
        var threaded = await Eventually.UntilAsync(
            () => host.GetAsync($"api/cases/{id}"),
            v => v.GetProperty("conversation").GetArrayLength() >= 2,
            v => $"The answer was not threaded: {v}");

        var inbound = threaded.GetProperty("conversation")[1];
        Assert.Equal(("inbound", "in-1", "Still dropping every hour."), (inbound.GetProperty("direction").GetString(), inbound.GetProperty("messageId").GetString(), inbound.GetProperty("text").GetString()));
        Assert.Equal(2, threaded.GetProperty("conversation").GetArrayLength());
        Assert.Empty((await host.GetAsync($"api/cases/{quiet}")).GetProperty("conversation").EnumerateArray());
    }

    private static async Task<string> OpenAsync(ChannelTestHost host, string customerId, string subject)
    {
        var opened = await (await host.Admin.PostJsonAsync("api/cases", Http.Json(new { customerId, kind = "technicalSupport", subject }))).ExpectAsync(HttpStatusCode.Created);
        return opened.GetProperty("id").GetString()!;
    }
}
