using CrmPlatform.Grains.Snapshots;

namespace CrmPlatform.Grains.Tests;

/// <summary>
/// A hand-written, thread-safe <see cref="ICustomerSnapshotStore"/> in memory. Like the real stores
/// a save replaces a snapshot only with a higher version. Tests can also plant any snapshot
/// (<see cref="Put"/>), count saves and make saves fail.
/// </summary>
public sealed class InMemorySnapshotStore : ICustomerSnapshotStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CustomerSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _saves = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);

    /// <summary>The customer's stored snapshot, if any.</summary>
    public CustomerSnapshot? Find(string customerId)
    {
        lock (_lock)
        {
            return _snapshots.GetValueOrDefault(customerId);
        }
    }

    /// <summary>How many saves were asked for a customer (stored or not).</summary>
    public int SavesOf(string customerId)
    {
        lock (_lock)
        {
            return _saves.GetValueOrDefault(customerId);
        }
    }

    /// <summary>Stores a snapshot whatever its version, as a damaged or foreign store might hold it.</summary>
    public void Put(string customerId, CustomerSnapshot snapshot)
    {
        lock (_lock)
        {
            _snapshots[customerId] = snapshot;
        }
    }

    /// <summary>Makes every save of a customer fail with an <see cref="IOException"/>, or stops doing so.</summary>
    public void FailSaves(string customerId, bool fail = true)
    {
        lock (_lock)
        {
            _ = fail ? _failing.Add(customerId) : _failing.Remove(customerId);
        }
    }

    /// <inheritdoc />
    public Task<CustomerSnapshot?> LoadAsync(string customerId, CancellationToken ct = default) => Task.FromResult(Find(customerId));

    /// <inheritdoc />
    public Task SaveAsync(string customerId, CustomerSnapshot snapshot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            _saves[customerId] = _saves.GetValueOrDefault(customerId) + 1;
            if (_failing.Contains(customerId))
            {
                return Task.FromException(new IOException($"Simulated failure saving the snapshot of '{customerId}'."));
            }

            if (!_snapshots.TryGetValue(customerId, out var stored) || stored.Version < snapshot.Version)
            {
                _snapshots[customerId] = snapshot;
            }
        }

        return Task.CompletedTask;
    }
}
