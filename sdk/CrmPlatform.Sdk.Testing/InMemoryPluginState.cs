using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.Sdk.Testing;

/// <summary>
/// The plugin's <see cref="IPluginState"/> in memory. Values are stored as JSON, like the platform
/// stores them, so a value that does not survive serialization fails the test instead of production.
/// </summary>
public sealed class InMemoryPluginState : IPluginState
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    internal InMemoryPluginState()
    {
    }

    /// <summary>Every stored value as its JSON text, by key.</summary>
    public IReadOnlyDictionary<string, string> Entries => new Dictionary<string, string>(_values, StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Task.FromResult(_values.TryGetValue(key, out var json) ? JsonSerializer.Deserialize<T>(json, JsonOptions) : default);
    }

    /// <inheritdoc />
    public Task SetAsync<T>(string key, T value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var json = JsonSerializer.Serialize(value, JsonOptions);

        // Read it back now: a type that serializes but cannot be read would otherwise fail only on the next get.
        _ = JsonSerializer.Deserialize<T>(json, JsonOptions);
        _values[key] = json;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Task.FromResult(_values.TryRemove(key, out _));
    }

    /// <inheritdoc />
    public IAsyncEnumerable<KeyValuePair<string, T>> ListAsync<T>(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return ListKeysAsync<T>(prefix, cancellationToken);
    }

    private async IAsyncEnumerable<KeyValuePair<string, T>> ListKeysAsync<T>(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var keys = _values.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_values.TryGetValue(key, out var json))
            {
                yield return new KeyValuePair<string, T>(key, JsonSerializer.Deserialize<T>(json, JsonOptions)!);
            }
        }

        await Task.CompletedTask;
    }
}
