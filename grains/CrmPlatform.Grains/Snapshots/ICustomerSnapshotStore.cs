namespace CrmPlatform.Grains.Snapshots;

/// <summary>Keeps the newest snapshot of each customer (see <see cref="CustomerSnapshot"/>).</summary>
public interface ICustomerSnapshotStore
{
    /// <summary>The customer's snapshot, or null when it has none.</summary>
    Task<CustomerSnapshot?> LoadAsync(string customerId, CancellationToken ct = default);

    /// <summary>
    /// Stores a snapshot if its version is higher than the stored one's; a snapshot of the same or a
    /// lower version changes nothing (a slower writer never rolls a customer's snapshot back).
    /// </summary>
    Task SaveAsync(string customerId, CustomerSnapshot snapshot, CancellationToken ct = default);
}
