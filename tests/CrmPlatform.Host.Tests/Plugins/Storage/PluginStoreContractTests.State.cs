using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.State;
using CrmPlatform.Host.Plugins.Subscriptions;

namespace CrmPlatform.Host.Tests.Plugins.Storage;

/// <summary>The state half of the contract: key-value reads, writes and ordered, paged listing.</summary>
public abstract partial class PluginStoreContractTests<TStore>
    where TStore : IPluginCatalogStore, ISubscriptionStore, IPluginStateStore
{
    [Fact]
    public async Task ListAsync_Prefix_OrdinalOrderPagedAndScopedToThePlugin()
    {
        var store = await OpenAsync();
        foreach (var key in new[] { "features/c", "features/a", "features/B", "features/a/2", "features", "featuresX", "model" })
        {
            await store.SetAsync("p", key, $"\"{key}\"", Cancel);
        }

        await store.SetAsync("q", "features/a", "\"other plugin\"", Cancel);

        var first = await store.ListAsync("p", "features/", null, 2, Cancel);
        var second = await store.ListAsync("p", "features/", first[^1].Key, 2, Cancel);
        var third = await store.ListAsync("p", "features/", second[^1].Key, 2, Cancel);

        Assert.Equal(["features/B", "features/a"], first.Select(entry => entry.Key));
        Assert.Equal(["features/a/2", "features/c"], second.Select(entry => entry.Key));
        Assert.Empty(third);
        Assert.Equal("\"features/a\"", first[1].Value);
        Assert.Equal(7, (await store.ListAsync("p", string.Empty, null, 100, Cancel)).Count);
        Assert.Empty(await store.ListAsync("nobody", string.Empty, null, 100, Cancel));
    }

    [Fact]
    public async Task PluginStateListAsync_MorePagesThanOne_StreamsEveryKeyInOrderAPageAtATime()
    {
        var store = new CountingStateStore(await OpenAsync());
        var state = new PluginState("p", store);
        var expected = Enumerable.Range(0, 600).Select(i => $"features/{i:D5}").ToList();
        foreach (var key in expected.AsEnumerable().Reverse())
        {
            await state.SetAsync(key, new Dictionary<string, int> { ["n"] = int.Parse(key[9..], System.Globalization.CultureInfo.InvariantCulture) }, Cancel);
        }

        await state.SetAsync("other", 1, Cancel);

        var listed = new List<KeyValuePair<string, Dictionary<string, int>>>();
        await foreach (var entry in state.ListAsync<Dictionary<string, int>>("features/", Cancel))
        {
            listed.Add(entry);
        }

        Assert.Equal(expected, listed.Select(entry => entry.Key));
        Assert.Equal(599, listed[^1].Value["n"]);
        Assert.Equal(3, store.Pages);

        store.Pages = 0;
        await foreach (var entry in state.ListAsync<Dictionary<string, int>>("features/", Cancel))
        {
            Assert.Equal("features/00000", entry.Key);
            break;
        }

        Assert.Equal(1, store.Pages);
    }

    /// <summary>A store that counts the pages asked of it.</summary>
    private sealed class CountingStateStore(IPluginStateStore inner) : IPluginStateStore
    {
        public int Pages { get; set; }

        public Task<string?> GetAsync(string pluginId, string key, CancellationToken cancellationToken = default) => inner.GetAsync(pluginId, key, cancellationToken);

        public Task SetAsync(string pluginId, string key, string json, CancellationToken cancellationToken = default) => inner.SetAsync(pluginId, key, json, cancellationToken);

        public Task<bool> DeleteAsync(string pluginId, string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(pluginId, key, cancellationToken);

        public Task<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string pluginId, string prefix, string? after, int limit, CancellationToken cancellationToken = default)
        {
            Pages++;
            return inner.ListAsync(pluginId, prefix, after, limit, cancellationToken);
        }
    }
}
