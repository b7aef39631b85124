using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Tests.Channels;

/// <summary>Messages from the API to the test channel: the contact rules, delivery through the plugin's subscription, retries and send-once.</summary>
public sealed class ChannelDeliveryTests
{
    [Fact]
    public async Task SendMessage_WithConsent_IsSentOnceAndShownOnTheTimeline()
    {
        await using var host = await ChannelTestHost.StartAsync();
        await host.RegisterAsync("ada");
        await host.GrantAsync("ada");

        var accepted = await (await host.SendAsync("ada", "Hello Ada")).ExpectAsync(HttpStatusCode.Accepted);
        var messageId = accepted.GetProperty("messageId").GetString()!;
        await host.WaitForAsync<MessageSent>("ada", e => e.MessageId == messageId);

        var send = Assert.Single(host.Sends());
        Assert.Equal(("sent", "+442079460000", $"ada:{messageId}"), (send["outcome"], send["recipient"], send["key"]));
        var sent = Assert.Single((await host.EventsOfAsync("ada")).Select(e => e.Event).OfType<MessageSent>());
        Assert.Equal($"tp-{messageId}", sent.ProviderMessageId);
        var timeline = await host.GetAsync("api/customers/ada/timeline");
        Assert.Contains("crm.customer.message-sent.v1", timeline.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("crm.customer.message-requested.v1", timeline.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_TransientFailures_AreRetriedThenSentExactlyOnce()
    {
        await using var host = await ChannelTestHost.StartAsync(transientFailures: 2);
        await host.RegisterAsync("grace");
        await host.GrantAsync("grace");

        var accepted = await (await host.SendAsync("grace", "Hello Grace", idempotencyKey: "send-grace-1")).ExpectAsync(HttpStatusCode.Accepted);
        var messageId = accepted.GetProperty("messageId").GetString()!;
        await host.WaitForAsync<MessageSent>("grace");
        var retry = await host.SendAsync("grace", "Hello Grace", idempotencyKey: "send-grace-1");
        await host.Runtime.WaitForNoLagAsync(host.PluginId);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(
            [("1", "transient"), ("2", "transient"), ("3", "sent")],
            host.Sends().Select(s => (s["attempt"], s["outcome"])));
        Assert.All(host.Sends(), s => Assert.Equal($"grace:{messageId}", s["key"]));
        var events = await host.EventsOfAsync("grace");
        Assert.Single(events, e => e.Event is MessageRequested);
        Assert.Single(events, e => e.Event is MessageSent);
    }

    [Fact]
    public async Task SendMessage_FailingPastTheLastAttempt_IsParkedThenSentOnceWhenRetried()
    {
        await using var host = await ChannelTestHost.StartAsync(transientFailures: 10);
        await host.RegisterAsync("alan");
        await host.GrantAsync("alan");
        await (await host.SendAsync("alan", "Hello Alan")).ExpectAsync(HttpStatusCode.Accepted);

        var letters = await Plugins.Runtime.Eventually.UntilAsync(
            () => host.GetAsync($"api/plugins/{host.PluginId}/dead-letters"),
            l => l.GetArrayLength() == 1,
            l => $"expected one dead letter: {l}");
        var parkedSends = host.Sends().Count;
        await host.Runtime.PutSettingsAsync(host.PluginId, new { outputDirectory = host.OutputFolder, transientFailures = 0, secret = ChannelTestHost.Secret });
        var eventId = letters[0].GetProperty("eventId").GetGuid();
        await (await host.Admin.PostAsync($"api/plugins/{host.PluginId}/dead-letters/{eventId}/retry", null, TestContext.Current.CancellationToken))
            .ExpectAsync(HttpStatusCode.NoContent);
        await host.WaitForAsync<MessageSent>("alan");

        Assert.Equal(3, parkedSends);
        Assert.Equal(["transient", "transient", "transient", "sent"], host.Sends().Select(s => s["outcome"]));
        Assert.Single(await host.EventsOfAsync("alan"), e => e.Event is MessageSent);
    }

    [Fact]
    public async Task SendMessage_ChannelRejectsForGood_RecordsFailedWithoutRetrying()
    {
        await using var host = await ChannelTestHost.StartAsync();
        await host.RegisterAsync("ken");
        await host.GrantAsync("ken");

        await (await host.SendAsync("ken", "REJECT me")).ExpectAsync(HttpStatusCode.Accepted);
        await host.WaitForAsync<MessageFailed>("ken");

        Assert.Equal(["rejected"], host.Sends().Select(s => s["outcome"]));
        Assert.DoesNotContain(await host.EventsOfAsync("ken"), e => e.Event is MessageSent);
    }

    [Fact]
    public async Task SendMessage_WithoutConsent_Is422OnConsentAndTheRefusalIsRecorded()
    {
        await using var host = await ChannelTestHost.StartAsync();
        await host.RegisterAsync("linus");

        var problem = await (await host.SendAsync("linus", "Hello")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("consent", out _));
        var refused = Assert.Single((await host.EventsOfAsync("linus")).Select(e => e.Event).OfType<MessageRefused>());
        Assert.Equal(("test", "consent"), (refused.Channel, refused.Reason));
        Assert.Empty(host.Sends());
    }

    [Theory]
    [InlineData("nope", 5, "channel")]
    [InlineData("test", 161, "text")]
    public async Task SendMessage_UnknownChannelOrTooLong_Is422NamingTheRule(string channel, int length, string rule)
    {
        await using var host = await ChannelTestHost.StartAsync();
        await host.RegisterAsync("edsger");
        await host.GrantAsync("edsger");
        await host.GrantAsync("edsger", "nope");

        var problem = await (await host.SendAsync("edsger", new string('x', length), channel: channel)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal([rule], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task SendMessage_WithoutChannelOrWithTextAndTemplate_Is400NamingTheField()
    {
        await using var host = await ChannelTestHost.StartAsync();
        await host.RegisterAsync("barbara");

        await (await host.Admin.PostJsonAsync("api/customers/barbara/messages", Http.Json(new { text = "Hi" }))).ExpectInvalidAsync("channel");
        await (await host.Admin.PostJsonAsync("api/customers/barbara/messages", Http.Json(new { channel = "test", text = "Hi", template = "welcome" }))).ExpectInvalidAsync("text");
        Assert.DoesNotContain(await host.EventsOfAsync("barbara"), e => e.Event is MessageRefused or MessageRequested);
    }
}
