using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Reports;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>
/// A read model that fails on every event <see cref="IsPoison"/> picks until <see cref="Fixed"/> is
/// set — a deterministic stand-in for a projection bug that a later release fixes.
/// </summary>
internal sealed class PoisonedReadModel(ICustomerReadModel inner, Func<EventEnvelope, bool> isPoison) : ICustomerReadModel, IReportReadModel
{
    private int _failures;

    public Func<EventEnvelope, bool> IsPoison { get; } = isPoison;

    public bool Fixed { get; set; }

    /// <summary>How many times applying a poison event failed (batches and single events alike).</summary>
    public int Failures => Volatile.Read(ref _failures);

    public Task ApplyAsync(IReadOnlyList<EventEnvelope> events, string checkpoint, string baseCurrency, CancellationToken cancellationToken = default)
    {
        ThrowIfPoisoned(events);
        return inner.ApplyAsync(events, checkpoint, baseCurrency, cancellationToken);
    }

    public Task<bool> RebuildCustomerAsync(
        IReadOnlyList<EventEnvelope> history, long parkedPosition, string checkpoint, string baseCurrency, CancellationToken cancellationToken = default)
    {
        ThrowIfPoisoned(history);
        return inner.RebuildCustomerAsync(history, parkedPosition, checkpoint, baseCurrency, cancellationToken);
    }

    public Task<long> GetCheckpointAsync(string name, CancellationToken cancellationToken = default) => inner.GetCheckpointAsync(name, cancellationToken);

    public Task<CustomerPage> ListAsync(CustomerListQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<string>> FindInactiveAsync(DateTimeOffset cutoff, int maxCount, CancellationToken cancellationToken = default) =>
        inner.FindInactiveAsync(cutoff, maxCount, cancellationToken);

    public Task<IReadOnlyList<string>> FindByContactAsync(string? email, string? phone, int maxCount, CancellationToken cancellationToken = default) =>
        inner.FindByContactAsync(email, phone, maxCount, cancellationToken);

    public Task ParkAsync(ParkedEvent parked, string checkpoint, CancellationToken cancellationToken = default) => inner.ParkAsync(parked, checkpoint, cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(int maxCount, CancellationToken cancellationToken = default) => inner.ListParkedAsync(maxCount, cancellationToken);

    public Task<ParkedEvent?> FindParkedAsync(long position, CancellationToken cancellationToken = default) => inner.FindParkedAsync(position, cancellationToken);

    public Task<long> CountParkedAsync(CancellationToken cancellationToken = default) => inner.CountParkedAsync(cancellationToken);

    public Task<IReadOnlyList<StageCount>> CountByStageAsync(CancellationToken cancellationToken = default) => Reports.CountByStageAsync(cancellationToken);

    public Task<CohortFacts> ReadCohortsAsync(CancellationToken cancellationToken = default) => Reports.ReadCohortsAsync(cancellationToken);

    public Task<IReadOnlyList<InsightRow>> ListInsightsAsync(string? name, string? customerId, CancellationToken cancellationToken = default) =>
        Reports.ListInsightsAsync(name, customerId, cancellationToken);

    private IReportReadModel Reports => (IReportReadModel)inner;

    private void ThrowIfPoisoned(IReadOnlyList<EventEnvelope> events)
    {
        if (!Fixed && events.Any(IsPoison))
        {
            Interlocked.Increment(ref _failures);
            throw new InvalidOperationException("The projection cannot apply this event.");
        }
    }
}
