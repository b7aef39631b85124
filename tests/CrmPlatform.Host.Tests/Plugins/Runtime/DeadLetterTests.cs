using System.Net;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>A poison event is retried, then parked as a dead letter while the other customers' events flow; retrying or discarding it clears it.</summary>
public sealed class DeadLetterTests
{
    [Fact]
    public async Task FailingCustomer_AfterMaxAttempts_IsParkedWhileOthersAreDelivered_ThenRetriedAndDiscarded()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("poison");
        var output = await runtime.InstallProbeAsync(id, new { failCustomers = new[] { "poison" } });
        await runtime.RegisterAsync("poison");
        await runtime.RecordInteractionAsync("poison");
        await runtime.RegisterAsync("healthy");
        await runtime.RecordInteractionAsync("healthy");
        var poison = await runtime.EventsOfAsync("poison");
        var healthy = await runtime.EventsOfAsync("healthy");

        var letters = await Eventually.UntilAsync(
            () => runtime.GetAsync($"api/plugins/{id}/dead-letters"),
            l => l.GetArrayLength() == poison.Count,
            l => $"expected {poison.Count} dead letters: {l}");
        await RuntimeHost.WaitUntilHandledAsync(output, healthy);

        Assert.Equal(poison.Select(e => e.EventId), letters.EnumerateArray().Select(l => l.GetProperty("eventId").GetGuid()));
        Assert.All(letters.EnumerateArray(), l =>
        {
            Assert.Equal(("poison", 3), (l.GetProperty("customerId").GetString(), l.GetProperty("attempts").GetInt32()));
            Assert.Contains("probe fails events of customer poison", l.GetProperty("error").GetString());
        });
        foreach (var e in poison)
        {
            Assert.Equal([(1, "fail"), (2, "fail"), (3, "fail")], output.Events().Where(l => l.EventId == e.EventId).Select(l => (l.Attempt, l.Outcome)));
        }

        Assert.Equal(poison.Count, (await runtime.GetAsync($"api/plugins/{id}/subscription")).GetProperty("deadLetters").GetInt32());

        // The plugin is fixed: one dead letter is retried (delivered once more), the other discarded.
        await runtime.PutSettingsAsync(id, new { failCustomers = Array.Empty<string>() });
        var retried = poison[0].EventId;
        var discarded = poison[1].EventId;
        var retry = await runtime.Admin.PostAsync($"api/plugins/{id}/dead-letters/{retried}/retry", null, TestContext.Current.CancellationToken);
        var discard = await runtime.Admin.DeleteAsync($"api/plugins/{id}/dead-letters/{discarded}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, discard.StatusCode);
        Assert.Equal([(4, "ok")], output.Events().Where(l => l.EventId == retried && l.Succeeded).Select(l => (l.Attempt, l.Outcome)));
        Assert.DoesNotContain(output.Events(), l => l.EventId == discarded && l.Succeeded);
        Assert.Equal(0, (await runtime.GetAsync($"api/plugins/{id}/dead-letters")).GetArrayLength());
        Assert.Equal(0, (await runtime.GetAsync($"api/plugins/{id}/subscription")).GetProperty("deadLetters").GetInt32());
        await (await runtime.Admin.PostAsync($"api/plugins/{id}/dead-letters/{retried}/retry", null, TestContext.Current.CancellationToken)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await runtime.Admin.DeleteAsync($"api/plugins/{id}/dead-letters/{discarded}", TestContext.Current.CancellationToken)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Retry_WhenThePluginStillFails_Is409AndKeepsTheDeadLetterWithOneMoreAttempt()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("still-poison");
        var output = await runtime.InstallProbeAsync(id, new { failCustomers = new[] { "poison" } });
        await runtime.RegisterAsync("poison");
        var letter = await Eventually.UntilAsync(
            () => runtime.GetAsync($"api/plugins/{id}/dead-letters"),
            l => l.GetArrayLength() == 1,
            l => $"expected a dead letter: {l}");
        var eventId = letter[0].GetProperty("eventId").GetGuid();

        var retry = await runtime.Admin.PostAsync($"api/plugins/{id}/dead-letters/{eventId}/retry", null, TestContext.Current.CancellationToken);

        await retry.ExpectProblemAsync(HttpStatusCode.Conflict);
        var after = await runtime.GetAsync($"api/plugins/{id}/dead-letters");
        Assert.Equal((eventId, 4), (after[0].GetProperty("eventId").GetGuid(), after[0].GetProperty("attempts").GetInt32()));
        Assert.Equal([1, 2, 3, 4], output.Events().Where(l => l.EventId == eventId).Select(l => l.Attempt));
        Assert.Equal(JsonValueKind.Array, after.ValueKind);
    }
}
