using System.Diagnostics.Metrics;
using CrmPlatform.Host.Customers.ReadModel;

namespace CrmPlatform.Host.Observability;

/// <summary>How many events the read model has parked (failed to apply and skipped), as a gauge: anything above zero wants an operator.</summary>
public sealed class ReadModelParkedGauge : IDisposable
{
    private readonly Meter _meter = new(ReadModelLagGauge.MeterName);
    private long _parked;

    /// <summary>Observes the read model's parked events.</summary>
    public ReadModelParkedGauge(ICustomerReadModel readModel)
    {
        ArgumentNullException.ThrowIfNull(readModel);
        _meter.CreateObservableGauge("crm.readmodel.parked", () =>
        {
            // Counted in the background so a scrape never waits on the database; a scrape shows the previous count.
            _ = readModel.CountParkedAsync().ContinueWith(t => Volatile.Write(ref _parked, t.Result), TaskContinuationOptions.OnlyOnRanToCompletion);
            return Volatile.Read(ref _parked);
        }, "{event}", "Events the read model failed to apply and parked; retry them at /api/read-model/parked.");
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
