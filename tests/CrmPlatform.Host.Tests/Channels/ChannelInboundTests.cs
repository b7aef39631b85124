using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Tests.Channels;

/// <summary>The providers' webhook: verification, limits, sender resolution, idempotency, consent directives and receipts.</summary>
public sealed class ChannelInboundTests
{
    [Fact]
    public async Task Inbound_Forged_Is403RecordedAndWritesNothing()
    {
        await using var host = await ChannelTestHost.StartAsync();
        var before = (await host.Runtime.EventsAsync()).Count;

        await (await host.InboundAsync(Message("in-1", phone: "+44 20 7946 0999"), secret: "wrong")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var rejections = await host.GetAsync("api/channels/rejections?channel=test");
        var rejection = Assert.Single(rejections.EnumerateArray());
        Assert.Contains("X-Test-Secret", rejection.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await host.Runtime.EventsAsync()).Count);
    }

    [Fact]
    public async Task Inbound_KnownSenderByPhone_IsRecordedOnThatCustomerOnce()
    {
        await using var host = await ChannelTestHost.StartAsync();
        await host.RegisterAsync("ada", phone: "+44 20 7946 0000");
        await host.RegisterAsync("charles", phone: "+44 20 7946 0001");
        await host.WaitForReadModelAsync();

        await (await host.InboundAsync(Message("in-1", phone: "+442079460001"))).ExpectAsync(HttpStatusCode.OK);
        await (await host.InboundAsync(Message("in-1", phone: "+442079460001"))).ExpectAsync(HttpStatusCode.OK);

        var received = Assert.Single((await host.EventsOfAsync("charles")).Select(e => e.Event).OfType<MessageReceived>());
        Assert.Equal(("in-1", "Hello there", "+442079460001"), (received.ProviderMessageId, received.Text, received.SenderPhone));
        Assert.DoesNotContain(await host.EventsOfAsync("ada"), e => e.Event is MessageReceived);
    }

    [Fact]
    public async Task Inbound_UnknownSender_BecomesAProspect()
    {
        await using var host = await ChannelTestHost.StartAsync();

        await (await host.InboundAsync(Message("in-7", phone: "+44 20 7946 0777", name: "Mystery Caller"))).ExpectAsync(HttpStatusCode.OK);

        var events = await host.Runtime.EventsAsync();
        var received = Assert.Single(events, e => e.Event is MessageReceived);
        var registered = Assert.IsType<CustomerRegistered>(Assert.Single(events, e => e.CustomerId == received.CustomerId && e.Event is CustomerRegistered).Event);
        Assert.Equal(["+442079460777"], registered.Phones);
        var customer = await host.GetAsync($"api/customers/{received.CustomerId}");
        Assert.Equal("prospect", customer.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Inbound_AmbiguousSender_IsFlaggedNotRecorded_UntilAnAgentResolvesIt()
    {
        await using var host = await ChannelTestHost.StartAsync();
        await host.RegisterAsync("twin-a", phone: null, email: "twins@example.com");
        await host.RegisterAsync("twin-b", phone: null, email: "twins@example.com");
        await host.WaitForReadModelAsync();

        await (await host.InboundAsync(Message("in-2", email: "Twins@example.com"))).ExpectAsync(HttpStatusCode.OK);
        var flags = await host.GetAsync("api/channels/flags");
        var beforeResolve = (await host.Runtime.EventsOfAsync("twin-a", "twin-b")).Count(e => e.Event is MessageReceived);
        await (await host.Admin.PostJsonAsync("api/channels/flags/test/in-2/resolve", Http.Json(new { customerId = "twin-b" }))).ExpectAsync(HttpStatusCode.OK);

        var flag = Assert.Single(flags.EnumerateArray());
        Assert.Equal(["twin-a", "twin-b"], flag.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0, beforeResolve);
        Assert.Single(await host.EventsOfAsync("twin-b"), e => e.Event is MessageReceived);
        Assert.DoesNotContain(await host.EventsOfAsync("twin-a"), e => e.Event is MessageReceived);
        Assert.Empty((await host.GetAsync("api/channels/flags")).EnumerateArray());
    }

    [Fact]
    public async Task Inbound_StopFromASharedAddress_OptsOutEveryCandidateAtOnce()
    {
        await using var host = await ChannelTestHost.StartAsync();
        await host.RegisterAsync("twin-a", phone: "+44 20 7946 0077");
        await host.RegisterAsync("twin-b", phone: "+44 20 7946 0077");
        await host.GrantAsync("twin-a");
        await host.GrantAsync("twin-b");
        await host.WaitForReadModelAsync();

        var answer = await host.InboundAsync(Message("in-shared-stop", phone: "+442079460077", text: "STOP", consent: "optOut"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Single((await host.GetAsync("api/channels/flags")).EnumerateArray());
        foreach (var twin in new[] { "twin-a", "twin-b" })
        {
            var consent = (await host.EventsOfAsync(twin)).Select(e => e.Event).OfType<ConsentChanged>().Last();
            Assert.Equal(ConsentStatus.Withdrawn, consent.Status);
            await (await host.SendAsync(twin, "Anything new?")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        }
    }

    [Fact]
    public async Task Inbound_StopDirective_WithdrawsConsentAndTheNextSendIsRefused()
    {
        await using var host = await ChannelTestHost.StartAsync();
        await host.RegisterAsync("ada");
        await host.GrantAsync("ada");
        await host.WaitForReadModelAsync();

        var answer = await host.InboundAsync(Message("in-stop", phone: "+44 20 7946 0000", text: "STOP", consent: "optOut"));
        var send = await host.SendAsync("ada", "Anything new?");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("You will get no more messages.", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var consent = (await host.EventsOfAsync("ada")).Select(e => e.Event).OfType<ConsentChanged>().Last();
        Assert.Equal(ConsentStatus.Withdrawn, consent.Status);
        Assert.Contains("in-stop", consent.Source, StringComparison.Ordinal);
        var problem = await send.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("consent", out _));
    }

    [Fact]
    public async Task Inbound_PermanentBounceReceipt_MarksTheAddressInvalidAndTheNextSendIsRefused()
    {
        await using var host = await ChannelTestHost.StartAsync();
        await host.RegisterAsync("ada");
        await host.GrantAsync("ada");
        var messageId = (await (await host.SendAsync("ada", "Hello")).ExpectAsync(HttpStatusCode.Accepted)).GetProperty("messageId").GetString()!;
        await host.WaitForAsync<MessageSent>("ada");

        await (await host.InboundAsync(new { receipts = new[] { new { id = $"tp-{messageId}", status = "bounced", permanent = true, reason = "no such number" } } }))
            .ExpectAsync(HttpStatusCode.OK);
        var next = await host.SendAsync("ada", "Hello again");

        var bounced = Assert.Single((await host.EventsOfAsync("ada")).Select(e => e.Event).OfType<MessageBounced>());
        Assert.Equal((messageId, "+442079460000", true), (bounced.MessageId, bounced.Recipient, bounced.Permanent));
        var problem = await next.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("address", out _));
    }

    [Fact]
    public async Task Inbound_Ping_ThePluginRepliesThroughICrmOnceUnderTheContactRules()
    {
        await using var host = await ChannelTestHost.StartAsync();
        await host.RegisterAsync("ada");
        await host.GrantAsync("ada");
        await host.RegisterAsync("linus", phone: "+44 20 7946 0002");
        await host.WaitForReadModelAsync();

        await (await host.InboundAsync(Message("in-ping", phone: "+44 20 7946 0000", text: "PING"))).ExpectAsync(HttpStatusCode.OK);
        await (await host.InboundAsync(Message("in-ping-2", phone: "+44 20 7946 0002", text: "PING"))).ExpectAsync(HttpStatusCode.OK);
        var ada = await host.WaitForAsync<MessageSent>("ada");
        var linus = await host.WaitForAsync<MessageRefused>("linus");
        await host.Runtime.WaitForNoLagAsync(host.PluginId);

        var requested = Assert.Single(ada.Select(e => e.Event).OfType<MessageRequested>());
        Assert.Equal(("PONG", $"plugin:{host.PluginId}"), (requested.Text, ada.Single(e => e.Event is MessageRequested).Actor));
        Assert.Equal("consent", Assert.Single(linus.Select(e => e.Event).OfType<MessageRefused>()).Reason);
        Assert.Single(host.Sends());
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("""{"messages":[{"id":"in-1","text":"Hi"}]}""", "messages[0].from")]
    [InlineData("""{"receipts":[{"id":"tp-1","status":"lost"}]}""", "receipts[0].status")]
    public async Task Inbound_Malformed_Is400NamingTheFieldAndWritesNothing(string body, string field)
    {
        await using var host = await ChannelTestHost.StartAsync();
        var before = (await host.Runtime.EventsAsync()).Count;

        await (await host.InboundRawAsync(body)).ExpectInvalidAsync(field);

        Assert.Equal(before, (await host.Runtime.EventsAsync()).Count);
    }

    [Fact]
    public async Task Inbound_ManyMalformedRequests_NeitherSuspendTheChannelNorItsSending()
    {
        // A breaker that would open after five failures: anonymous callers must not be able to trip it.
        await using var host = await ChannelTestHost.StartAsync(0, "--Crm:Plugins:BreakerMinimumThroughput=5");
        await host.RegisterAsync("ada", phone: "+44 20 7946 0000");
        await host.GrantAsync("ada");
        await host.WaitForReadModelAsync();

        for (var i = 0; i < 12; i++)
        {
            await (await host.InboundRawAsync("not json")).ExpectInvalidAsync("body");
        }

        await (await host.InboundAsync(Message("in-after", phone: "+442079460000"))).ExpectAsync(HttpStatusCode.OK);
        await (await host.SendAsync("ada", "Still sending")).ExpectAsync(HttpStatusCode.Accepted);
        await host.WaitForAsync<MessageSent>("ada");

        Assert.Single((await host.EventsOfAsync("ada")).Select(e => e.Event).OfType<MessageReceived>());
    }

    [Fact]
    public async Task Inbound_Oversized_Is413AndWritesNothing()
    {
        await using var host = await ChannelTestHost.StartAsync(0, "--Crm:Channels:MaxInboundBytes=2048");
        var before = (await host.Runtime.EventsAsync()).Count;

        await (await host.InboundAsync(Message("in-big", phone: "+44 20 7946 0555", text: new string('x', 4_000)))).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(before, (await host.Runtime.EventsAsync()).Count);
    }

    [Fact]
    public async Task Inbound_OverTheRateLimit_Is429()
    {
        await using var host = await ChannelTestHost.StartAsync(0, "--Crm:Channels:InboundPermitsPerMinute=2");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await host.InboundAsync(new { messages = Array.Empty<object>() })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private static object Message(string id, string? phone = null, string? email = null, string text = "Hello there", string? name = null, string? consent = null) =>
        new { messages = new[] { new { id, text, consent, from = new { phone, email, name } } } };
}
