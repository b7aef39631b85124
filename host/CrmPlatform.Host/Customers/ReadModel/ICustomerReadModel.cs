using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>
/// The customers table that lists, filters and search read — never the grains — kept up to date
/// by the <see cref="ReadModelProjector"/> from the event log, with the projector's checkpoint
/// committed together with the rows.
/// </summary>
public interface ICustomerReadModel
{
    /// <summary>The position of the last event a follower handled, 0 if none.</summary>
    Task<long> GetCheckpointAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Applies a batch of events (in log order) and moves the checkpoint past them, atomically.</summary>
    Task ApplyAsync(IReadOnlyList<EventEnvelope> events, string checkpoint, string baseCurrency, CancellationToken cancellationToken = default);

    /// <summary>One page of customers matching the query, ordered by id.</summary>
    Task<CustomerPage> ListAsync(CustomerListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Customers in Growth or Maturity whose last order and last stage change are both at or before
    /// <paramref name="cutoff"/>: the durable due-date index of the inactivity rule.
    /// </summary>
    Task<IReadOnlyList<string>> FindInactiveAsync(DateTimeOffset cutoff, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Customers whose primary email is <paramref name="email"/> (case-insensitive) or whose primary
    /// phone is <paramref name="phone"/> (as stored, E.164), ordered by id: how inbound senders are found.
    /// </summary>
    Task<IReadOnlyList<string>> FindByContactAsync(string? email, string? phone, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="parked"/> as an event the projector gave up on and moves the checkpoint
    /// past it, atomically (unless the checkpoint is already past it: another projector handled it).
    /// </summary>
    Task ParkAsync(ParkedEvent parked, string checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The parked events, in log order, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The parked event at <paramref name="position"/>, if there is one.</summary>
    Task<ParkedEvent?> FindParkedAsync(long position, CancellationToken cancellationToken = default);

    /// <summary>How many events are parked.</summary>
    Task<long> CountParkedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Rebuilds one customer's row (and report facts) from its whole <paramref name="history"/> — which
    /// includes the parked event at <paramref name="parkedPosition"/> — and drops that event from the
    /// parked list, atomically. A parked event is retried this way rather than on its own because the
    /// customer's later events were applied without it. Returns false, changing nothing, when the
    /// row has already seen events newer than the history (read it again and retry).
    /// </summary>
    Task<bool> RebuildCustomerAsync(
        IReadOnlyList<EventEnvelope> history, long parkedPosition, string checkpoint, string baseCurrency, CancellationToken cancellationToken = default);
}
