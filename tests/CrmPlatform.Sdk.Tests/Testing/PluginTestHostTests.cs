using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.Testing;
using CrmPlatform.Sdk.Tests.Testing.Plugins.Caller;
using CrmPlatform.Sdk.Tests.Testing.Plugins.Unsubscribed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Sdk.Tests.Testing;

public sealed partial class PluginTestHostTests
{
    private static readonly PluginTestHostOptions OwnNamespace = new() { ScanScope = PluginScanScope.Namespace };

    [Fact]
    public void Create_AssemblyWithSeveralPlugins_IsRefusedLikeThePlatform()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest()));

        Assert.Contains("exactly one non-abstract class implementing IPlugin", error.Message);
        Assert.Contains(nameof(UnsubscribedPlugin), error.Message);
    }

    [Fact]
    public void Create_ManifestNamingAnotherEntryAssembly_IsRefused()
    {
        var manifest = CallerPlugin.Manifest() with { EntryAssembly = "Other.dll" };

        var error = Assert.Throws<InvalidOperationException>(() => PluginTestHost.Create<CallerPlugin>(manifest, OwnNamespace));

        Assert.Contains("Other.dll", error.Message);
    }

    [Fact]
    public void Create_HandlerForAnEventTheManifestDoesNotSubscribe_IsRefusedNamingTheHandler()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => PluginTestHost.Create<UnsubscribedPlugin>(UnsubscribedPlugin.Manifest("crm.customer.order-placed.v1"), OwnNamespace));

        Assert.Contains(typeof(TagsChangedHandler).FullName!, error.Message);
        Assert.Contains("crm.customer.tags-changed.v1", error.Message);
    }

    [Fact]
    public async Task Create_ManifestSubscribingToEverything_AcceptsAnyHandler()
    {
        await using var host = PluginTestHost.Create<UnsubscribedPlugin>(UnsubscribedPlugin.Manifest("*"), OwnNamespace);

        var result = await host.DeliverAsync("c-1", new TagsChanged(["vip"], []), TestContext.Current.CancellationToken);

        Assert.Equal([typeof(TagsChangedHandler)], result.Handlers);
    }

    [Fact]
    public async Task DeliverAsync_InternalHandlers_AreFoundByScanning()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(), OwnNamespace);

        var result = await host.DeliverAsync("c-1", Order(), TestContext.Current.CancellationToken);

        Assert.Equal([typeof(CallerHandler), typeof(CallerBatchHandler)], result.Handlers);
        Assert.Equal([1L], await host.State.GetAsync<List<long>>("batch-sizes", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DeliverAsync_UnsubscribedEvent_IsSkippedAndSaysWhy()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(), OwnNamespace);

        var result = await host.DeliverAsync("c-1", new TagsChanged(["vip"], []), TestContext.Current.CancellationToken);

        Assert.Empty(result.Delivered);
        Assert.Empty(result.Handlers);
        var skipped = Assert.Single(result.Skipped);
        Assert.Contains("does not subscribe to 'crm.customer.tags-changed.v1'", skipped.Reason);
    }

    [Fact]
    public async Task DeliverAsync_NewEvents_GetTheCustomersNextSequenceAndIncreasingPositions()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(), OwnNamespace with { TimeProvider = time });

        var a1 = (await host.DeliverAsync("a", Order(), TestContext.Current.CancellationToken)).Envelope;
        var b1 = (await host.DeliverAsync("b", Order(), TestContext.Current.CancellationToken)).Envelope;
        var a2 = (await host.DeliverAsync("a", Order(), TestContext.Current.CancellationToken)).Envelope;

        Assert.Equal([1L, 1L, 2L], [a1.Sequence, b1.Sequence, a2.Sequence]);
        Assert.Equal([1L, 2L, 3L], [a1.Position, b1.Position, a2.Position]);
        Assert.Equal(time.GetUtcNow(), a1.RecordedAt);
        Assert.Equal(3, new[] { a1.EventId, b1.EventId, a2.EventId }.Distinct().Count());
    }

    [Fact]
    public async Task DeliverBatchAsync_SeveralEvents_GoToEventHandlersOneByOneAndToBatchHandlersTogether()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(), OwnNamespace);
        var batch = new[] { host.NewEnvelope("a", Order()), host.NewEnvelope("b", new TagsChanged(["x"], [])), host.NewEnvelope("a", Order()) };

        var result = await host.DeliverBatchAsync(batch, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Delivered.Count);
        Assert.Single(result.Skipped);
        Assert.Equal([typeof(CallerHandler), typeof(CallerHandler), typeof(CallerBatchHandler)], result.Handlers);
        Assert.Equal([2L], await host.State.GetAsync<List<long>>("batch-sizes", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DeliverAsync_HandlerLogs_AreRecorded()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(), OwnNamespace);

        await host.DeliverAsync("c-1", Order(), TestContext.Current.CancellationToken);

        var entry = Assert.Single(host.Log.Entries);
        Assert.Equal(typeof(CallerHandler).FullName, entry.Category);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal("Order o-1, attempt 1", entry.Message);
    }

    [Fact]
    public async Task State_ValueThatCannotBeReadBack_FailsWhenStored()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(), OwnNamespace);

        await Assert.ThrowsAnyAsync<Exception>(() => host.State.SetAsync("bad", new Unreadable(3), TestContext.Current.CancellationToken));

        Assert.Empty(host.State.Entries);
    }

    [Fact]
    public async Task State_Values_RoundTripThroughJson()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(), OwnNamespace);

        await host.State.SetAsync("k", new Dictionary<string, int> { ["a"] = 1 }, TestContext.Current.CancellationToken);

        Assert.Equal("""{"a":1}""", host.State.Entries["k"]);
        Assert.Equal(1, (await host.State.GetAsync<Dictionary<string, int>>("k", TestContext.Current.CancellationToken))!["a"]);
        Assert.True(await host.State.DeleteAsync("k", TestContext.Current.CancellationToken));
        Assert.Null(await host.State.GetAsync<Dictionary<string, int>>("k", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task StateListAsync_Prefix_OrdinalOrderOfMatchingKeysOnly()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(), OwnNamespace);
        foreach (var key in new[] { "f/b", "f/a", "f/B", "fx", "g" })
        {
            await host.State.SetAsync(key, key.Length, TestContext.Current.CancellationToken);
        }

        var listed = new List<string>();
        await foreach (var entry in host.State.ListAsync<int>("f/", TestContext.Current.CancellationToken))
        {
            listed.Add(entry.Key);
            Assert.Equal(3, entry.Value);
        }

        Assert.Equal(["f/B", "f/a", "f/b"], listed);
    }

    private static OrderPlaced Order(params string[] calls) =>
        new("o-1", 10m, "EUR", [.. calls.Select(c => new OrderLine(c, null, 1m, 10m))]);

    /// <summary>Serializes, but its constructor parameter binds to no property, so it cannot be read back.</summary>
    public sealed class Unreadable(int seed)
    {
        public int Doubled { get; } = seed * 2;
    }
}
