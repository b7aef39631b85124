using System.Globalization;
using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>Replaying a subscription redelivers the log from the beginning, or from the first event recorded at or after a time.</summary>
public sealed class SubscriptionReplayTests
{
    [Fact]
    public async Task Replay_FromBeginning_RedeliversEveryEventOnceMoreInOrder()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("replay-all");
        var output = await runtime.InstallProbeAsync(id);
        foreach (var customer in new[] { "r1", "r2" })
        {
            await runtime.RegisterAsync(customer);
            await runtime.RecordInteractionAsync(customer);
        }

        var events = await runtime.EventsOfAsync("r1", "r2");
        await RuntimeHost.WaitUntilHandledAsync(output, events);
        await runtime.WaitForNoLagAsync(id);
        var firstPass = output.Handled().Count;

        var replay = await runtime.Admin.PostJsonAsync($"api/plugins/{id}/subscription/replay", Http.Json(new { from = "beginning" }));

        Assert.Equal(0, (await replay.ExpectAsync(HttpStatusCode.Accepted)).GetProperty("replayFromPosition").GetInt64());
        var handled = await Eventually.UntilAsync(
            output.Handled,
            lines => events.All(e => lines.Count(l => l.EventId == e.EventId) == 2),
            lines => $"not every event was redelivered: {lines.Count} deliveries for {events.Count} events");
        Assert.Equal(events.Count, firstPass);
        var secondPass = handled.Skip(firstPass).ToList();
        foreach (var customer in new[] { "r1", "r2" })
        {
            Assert.Equal(events.Where(e => e.CustomerId == customer).Select(e => e.Sequence), secondPass.Where(l => l.CustomerId == customer).Select(l => l.Sequence));
        }
    }

    [Fact]
    public async Task Replay_FromTime_RedeliversOnlyEventsRecordedFromThen()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("replay-time");
        var output = await runtime.InstallProbeAsync(id);
        await runtime.RegisterAsync("early");
        await runtime.RecordInteractionAsync("early");
        var early = await runtime.EventsOfAsync("early");
        await RuntimeHost.WaitUntilHandledAsync(output, early);
        await runtime.RegisterAsync("late");
        await runtime.RecordInteractionAsync("late");
        await runtime.RecordInteractionAsync("early", "late note");
        var late = (await runtime.EventsAsync()).Where(e => e.Position > early[^1].Position).ToList();
        await RuntimeHost.WaitUntilHandledAsync(output, late);
        await runtime.WaitForNoLagAsync(id);
        Assert.True(late[0].RecordedAt > early[^1].RecordedAt, "the two batches were recorded at the same instant");

        var from = late[0].RecordedAt.ToString("O", CultureInfo.InvariantCulture);
        var replay = await runtime.Admin.PostJsonAsync($"api/plugins/{id}/subscription/replay", Http.Json(new { from }));

        await replay.ExpectAsync(HttpStatusCode.Accepted);
        var handled = await Eventually.UntilAsync(
            output.Handled,
            lines => late.All(e => lines.Count(l => l.EventId == e.EventId) == 2),
            lines => $"the late events were not redelivered: {lines.Count} deliveries");
        await runtime.WaitForNoLagAsync(id);
        handled = output.Handled();
        Assert.All(early, e => Assert.Single(handled, l => l.EventId == e.EventId));
        Assert.All(late, e => Assert.Equal(2, handled.Count(l => l.EventId == e.EventId)));
    }

    [Fact]
    public async Task Replay_FromATimeAheadOfALaggingSubscription_SkipsNothing()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("replay-ahead");
        var output = await runtime.InstallProbeAsync(id);
        await runtime.RegisterAsync("seen");
        await RuntimeHost.WaitUntilHandledAsync(output, await runtime.EventsOfAsync("seen"));
        await runtime.WaitForNoLagAsync(id);
        (await runtime.Admin.PostAsync($"api/plugins/{id}/disable", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await runtime.RegisterAsync("missed");
        await runtime.RecordInteractionAsync("missed");

        // A time after every event: a careless reset would move the paused subscription past "missed".
        var from = DateTimeOffset.UtcNow.AddMinutes(5).ToString("O", CultureInfo.InvariantCulture);
        var replay = await runtime.Admin.PostJsonAsync($"api/plugins/{id}/subscription/replay", Http.Json(new { from }));
        await replay.ExpectAsync(HttpStatusCode.Accepted);
        (await runtime.Admin.PostAsync($"api/plugins/{id}/enable", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await RuntimeHost.WaitUntilHandledAsync(output, await runtime.EventsOfAsync("missed"));
    }

    [Fact]
    public async Task Replay_FromNonsense_Is400AndUnknownPluginIs404()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("replay-bad");
        await runtime.InstallProbeAsync(id);

        var nonsense = await runtime.Admin.PostJsonAsync($"api/plugins/{id}/subscription/replay", Http.Json(new { from = "yesterday-ish" }));
        var unknown = await runtime.Admin.PostJsonAsync("api/plugins/probe-nobody/subscription/replay", Http.Json(new { from = "beginning" }));

        await nonsense.ExpectInvalidAsync("from");
        await unknown.ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
