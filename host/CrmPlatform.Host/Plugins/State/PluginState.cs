using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.Host.Plugins.State;

/// <summary>
/// A plugin's view of its durable key-value state. It has serializer options of its own, so the
/// plugin's types cached by System.Text.Json go away with the plugin. Its own resolver instance
/// matters: System.Text.Json shares one type cache among all options instances with equal
/// settings, so without it another plugin (or the next version of this one) would keep this
/// version's types, and its load context, alive.
/// </summary>
internal sealed class PluginState(string pluginId, IPluginStateStore store) : IPluginState
{
    private const int MaxKeyLength = 200;
    private const int PageSize = 256;
    private readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return await store.GetAsync(pluginId, key, cancellationToken) is { } json
            ? JsonSerializer.Deserialize<T>(json, _json)
            : default;
    }

    public Task SetAsync<T>(string key, T value, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return store.SetAsync(pluginId, key, JsonSerializer.Serialize(value, _json), cancellationToken);
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return store.DeleteAsync(pluginId, key, cancellationToken);
    }

    public async IAsyncEnumerable<KeyValuePair<string, T>> ListAsync<T>(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        string? after = null;
        while (true)
        {
            var page = await store.ListAsync(pluginId, prefix, after, PageSize, cancellationToken);
            foreach (var (key, json) in page)
            {
                yield return new KeyValuePair<string, T>(key, JsonSerializer.Deserialize<T>(json, _json)!);
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Key;
        }
    }

    private static void CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A state key has at most {MaxKeyLength} characters.", nameof(key));
        }
    }
}
