using System.Text;
using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.State;
using CrmPlatform.Host.Plugins.Subscriptions;

namespace CrmPlatform.Host.Tests.Plugins.Storage;

/// <summary>
/// What every plugin store must do — the catalog, subscriptions and state ports, which one store
/// implements so that uninstalling removes everything at once. Each backend's test class derives
/// from this one and says how to open its store. Each test starts from an empty store; opening
/// again in the same test reopens it, as another silo or a restart would.
/// </summary>
public abstract partial class PluginStoreContractTests<TStore> : IAsyncLifetime
    where TStore : IPluginCatalogStore, ISubscriptionStore, IPluginStateStore
{
    // Whole seconds: PostgreSQL keeps microseconds, and the contract does not promise more.
    protected static readonly DateTimeOffset InstalledAt = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(2));

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Opens the store under test.</summary>
    protected abstract Task<TStore> OpenAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task SaveAsync_NewPlugins_ListFindAndPackageRoundTrip()
    {
        var store = await OpenAsync();
        Assert.Empty(await store.ListAsync(Cancel));
        Assert.Null(await store.FindAsync("contoso.crm.alerts", Cancel));
        var alerts = Plugin("contoso.crm.alerts", "1.2.0", enabled: false, settings: """{"threshold":5}""");
        var audit = Plugin("contoso.crm.audit", "0.9.1");

        var saved = await store.SaveAsync(alerts, Package("alerts 1.2.0"), Cancel);
        await store.SaveAsync(audit, Package("audit 0.9.1"), Cancel);

        Assert.Equal(alerts, saved);
        Assert.Equal([alerts, audit], await store.ListAsync(Cancel));
        Assert.Equal(audit, await store.FindAsync("contoso.crm.audit", Cancel));
        Assert.Equal(Package("alerts 1.2.0"), await store.ReadPackageAsync("contoso.crm.alerts", "1.2.0", Cancel));
        Assert.Equal(Package("audit 0.9.1"), await store.ReadPackageAsync("contoso.crm.audit", "0.9.1", Cancel));
        Assert.Null(await store.ReadPackageAsync("contoso.crm.alerts", "1.1.0", Cancel));
        Assert.Null(await store.ReadPackageAsync("nobody", "1.2.0", Cancel));
        Assert.Null(await store.FindAsync("CONTOSO.CRM.ALERTS", Cancel));
    }

    [Fact]
    public async Task SaveAsync_Upgrade_KeepsEnabledSettingsStateAndCheckpoints()
    {
        var store = await OpenAsync();
        await store.SaveAsync(Plugin("p", "1.0.0"), Package("v1"), Cancel);
        await store.SetEnabledAsync("p", false, Cancel);
        await store.SetSettingsAsync("p", """{"mode":"strict"}""", Cancel);
        await store.SetAsync("p", "cursor", "42", Cancel);
        await store.WriteCheckpointAsync("p", 3, 120, 0, Cancel);
        await store.ParkAsync(Letter("p", 7), Cancel);
        var upgrade = Plugin("p", "2.0.0", manifest: """{"id":"p","version":"2.0.0"}""") with { InstalledAt = InstalledAt.AddDays(1) };

        var saved = await store.SaveAsync(upgrade, Package("v2"), Cancel);

        var expected = upgrade with { Enabled = false, SettingsJson = """{"mode":"strict"}""" };
        Assert.Equal(expected, saved);
        Assert.Equal(expected, await store.FindAsync("p", Cancel));
        Assert.Equal(Package("v2"), await store.ReadPackageAsync("p", "2.0.0", Cancel));
        Assert.Null(await store.ReadPackageAsync("p", "1.0.0", Cancel));
        Assert.Equal("42", await store.GetAsync("p", "cursor", Cancel));
        Assert.Equal(120, await store.ReadCheckpointAsync("p", 3, Cancel));
        Assert.Equal(1, await store.CountDeadLettersAsync("p", Cancel));
    }

    [Fact]
    public async Task GetRevisionAsync_EveryCatalogChange_RisesAndReadsDoNot()
    {
        var store = await OpenAsync();
        var revisions = new List<long> { await store.GetRevisionAsync(Cancel) };
        async Task Changed() => revisions.Add(await store.GetRevisionAsync(Cancel));
        async Task AssertUnchanged() => Assert.Equal(revisions[^1], await store.GetRevisionAsync(Cancel));

        await store.SaveAsync(Plugin("p", "1.0.0"), Package("v1"), Cancel);
        await Changed();
        await store.ListAsync(Cancel);
        await store.FindAsync("p", Cancel);
        await store.ReadPackageAsync("p", "1.0.0", Cancel);
        await store.SetAsync("p", "k", "1", Cancel);
        await store.WriteCheckpointAsync("p", 0, 5, 0, Cancel);
        await store.ParkAsync(Letter("p", 1), Cancel);
        await AssertUnchanged();
        await store.SaveAsync(Plugin("p", "1.1.0"), Package("v1.1"), Cancel);
        await Changed();
        Assert.True(await store.SetEnabledAsync("p", false, Cancel));
        await Changed();
        Assert.True(await store.SetSettingsAsync("p", """{"a":1}""", Cancel));
        await Changed();
        Assert.False(await store.SetEnabledAsync("nobody", true, Cancel));
        Assert.False(await store.SetSettingsAsync("nobody", "{}", Cancel));
        await AssertUnchanged();
        Assert.True(await store.RemoveAsync("p", Cancel));
        await Changed();
        Assert.False(await store.RemoveAsync("p", Cancel));
        await AssertUnchanged();

        Assert.Equal(0, revisions[0]);
        Assert.Equal(revisions.Order(), revisions);
        Assert.Equal(revisions.Count, revisions.Distinct().Count());
        Assert.Equal(revisions[^1], await (await OpenAsync()).GetRevisionAsync(Cancel));
    }

    [Fact]
    public async Task RemoveAsync_InstalledPlugin_DeletesEverythingOfItOnlyAndOnlyOnce()
    {
        var store = await OpenAsync();
        foreach (var id in new[] { "gone", "kept" })
        {
            await store.SaveAsync(Plugin(id, "1.0.0"), Package(id), Cancel);
            await store.SetAsync(id, "k", "\"v\"", Cancel);
            await store.WriteCheckpointAsync(id, 0, 50, 0, Cancel);
            await store.ResetAsync(id, 2, 10, Cancel);
            await store.ParkAsync(Letter(id, 1), Cancel);
        }

        Assert.True(await store.RemoveAsync("gone", Cancel));

        Assert.Null(await store.FindAsync("gone", Cancel));
        Assert.Null(await store.ReadPackageAsync("gone", "1.0.0", Cancel));
        Assert.Null(await store.GetAsync("gone", "k", Cancel));
        Assert.Empty(await store.ReadCheckpointsAsync("gone", Cancel));
        Assert.Equal(0, await store.ReadCheckpointAsync("gone", 0, Cancel));
        Assert.Equal(2, await store.ReadEpochAsync("gone", Cancel));
        Assert.Equal(0, await store.CountDeadLettersAsync("gone", Cancel));
        Assert.Empty(await store.ListDeadLettersAsync("gone", 10, Cancel));
        Assert.False(await store.RemoveAsync("gone", Cancel));
        Assert.Equal(["kept"], (await store.ListAsync(Cancel)).Select(p => p.Id));
        Assert.Equal(Package("kept"), await store.ReadPackageAsync("kept", "1.0.0", Cancel));
        Assert.Equal("\"v\"", await store.GetAsync("kept", "k", Cancel));
        Assert.Equal(new Dictionary<int, long> { [0] = 10, [1] = 10 }, await store.ReadCheckpointsAsync("kept", Cancel));
        Assert.Equal(1, await store.ReadEpochAsync("kept", Cancel));
        Assert.Equal(1, await store.CountDeadLettersAsync("kept", Cancel));
    }

    [Fact]
    public async Task RemoveAsync_FollowerStillOnTheOldEpoch_CannotWriteACheckpointBack()
    {
        var store = await OpenAsync();
        await store.SaveAsync(Plugin("p", "1.0.0"), Package("p"), Cancel);
        var epoch = await store.ReadEpochAsync("p", Cancel);
        Assert.True(await store.WriteCheckpointAsync("p", 3, 40, epoch, Cancel));

        Assert.True(await store.RemoveAsync("p", Cancel));

        Assert.False(await store.WriteCheckpointAsync("p", 3, 90, epoch, Cancel));
        Assert.Empty(await store.ReadCheckpointsAsync("p", Cancel));
        await store.SaveAsync(Plugin("p", "1.0.0"), Package("p"), Cancel);
        Assert.Equal(0, await store.ReadCheckpointAsync("p", 3, Cancel));
    }

    [Fact]
    public async Task OpenAsync_Again_SeesEverythingStored()
    {
        var store = await OpenAsync();
        var plugin = Plugin("p", "3.1.4", settings: """{"name":"Zoë ✓"}""");
        await store.SaveAsync(plugin, Package("pi"), Cancel);
        await store.SetAsync("p", "k", """{"n":1}""", Cancel);
        await store.ResetAsync("p", 2, 7, Cancel);
        await store.WriteCheckpointAsync("p", 1, 9, 1, Cancel);
        var letter = Letter("p", 3);
        await store.ParkAsync(letter, Cancel);
        var revision = await store.GetRevisionAsync(Cancel);

        var reopened = await OpenAsync();

        Assert.Equal([plugin], await reopened.ListAsync(Cancel));
        Assert.Equal(Package("pi"), await reopened.ReadPackageAsync("p", "3.1.4", Cancel));
        Assert.Equal(revision, await reopened.GetRevisionAsync(Cancel));
        Assert.Equal("""{"n":1}""", await reopened.GetAsync("p", "k", Cancel));
        Assert.Equal(1, await reopened.ReadEpochAsync("p", Cancel));
        Assert.Equal(new Dictionary<int, long> { [0] = 7, [1] = 9 }, await reopened.ReadCheckpointsAsync("p", Cancel));
        Assert.Equal(letter, await reopened.FindDeadLetterAsync("p", letter.EventId, Cancel));
    }

    [Fact]
    public async Task SetAsync_GetAsync_DeleteAsync_KeepOneValuePerPluginAndKey()
    {
        var store = await OpenAsync();
        Assert.Null(await store.GetAsync("p", "k", Cancel));

        await store.SetAsync("p", "k", """{"count":1}""", Cancel);
        await store.SetAsync("p", "k", """{"count":2}""", Cancel);
        await store.SetAsync("p", "other", "[1,2]", Cancel);
        await store.SetAsync("q", "k", "\"q's\"", Cancel);

        Assert.Equal("""{"count":2}""", await store.GetAsync("p", "k", Cancel));
        Assert.Equal("[1,2]", await store.GetAsync("p", "other", Cancel));
        Assert.Equal("\"q's\"", await store.GetAsync("q", "k", Cancel));
        Assert.Null(await store.GetAsync("p", "K", Cancel));
        Assert.True(await store.DeleteAsync("p", "k", Cancel));
        Assert.False(await store.DeleteAsync("p", "k", Cancel));
        Assert.Null(await store.GetAsync("p", "k", Cancel));
        Assert.Equal("[1,2]", await store.GetAsync("p", "other", Cancel));
        Assert.Equal("\"q's\"", await (await OpenAsync()).GetAsync("q", "k", Cancel));
    }

    protected static InstalledPlugin Plugin(string id, string version, bool enabled = true, string settings = "{}", string? manifest = null) =>
        new(id, version, manifest ?? $$"""{"id":"{{id}}","version":"{{version}}"}""", enabled, settings, InstalledAt);

    protected static byte[] Package(string content) => [0x50, 0x4B, 0x03, 0x04, 0x00, .. Encoding.UTF8.GetBytes(content), 0xFF];

    protected static DeadLetter Letter(string pluginId, long position, int attempts = 3, Guid? eventId = null) => new(
        pluginId,
        eventId ?? Guid.NewGuid(),
        position,
        (int)(position % 4),
        $"cust-{position}",
        "crm.customer.note-added.v1",
        attempts,
        "System.InvalidOperationException: boom",
        InstalledAt.AddMinutes(position));
}
