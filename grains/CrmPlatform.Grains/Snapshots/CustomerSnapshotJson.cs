using System.Text.Json;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Snapshots;

/// <summary>
/// The stable JSON form of <see cref="CustomerStateSnapshot"/> (the log's rules: camelCase, enums as
/// strings) and its schema version.
/// </summary>
public static class CustomerSnapshotJson
{
    /// <summary>
    /// The version of the snapshot format written today. Raise it whenever
    /// <see cref="CustomerStateSnapshot"/> or the meaning of the state changes: older snapshots are
    /// then ignored and rebuilt from the log.
    /// </summary>
    public const int SchemaVersion = 2;

    /// <summary>Wraps a state snapshot for a store.</summary>
    public static CustomerSnapshot Create(CustomerStateSnapshot state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new CustomerSnapshot(state.Version, SchemaVersion, JsonSerializer.Serialize(state, CustomerEventJson.Options));
    }

    /// <summary>Reads a snapshot written with the current <see cref="SchemaVersion"/>.</summary>
    /// <exception cref="NotSupportedException">The snapshot has another schema version.</exception>
    /// <exception cref="JsonException">The data is not a state snapshot, or not of the snapshot's version.</exception>
    public static CustomerStateSnapshot Read(CustomerSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.SchemaVersion != SchemaVersion)
        {
            throw new NotSupportedException($"Snapshot schema version {snapshot.SchemaVersion} is not {SchemaVersion}.");
        }

        var state = JsonSerializer.Deserialize<CustomerStateSnapshot>(snapshot.Data, CustomerEventJson.Options)
            ?? throw new JsonException("The snapshot is null.");
        return state.Version == snapshot.Version
            ? state
            : throw new JsonException($"The snapshot says version {snapshot.Version} but its data is of version {state.Version}.");
    }
}
