using System.Diagnostics.Metrics;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Customers.ReadModel;

namespace CrmPlatform.Host.Observability;

/// <summary>How far the read model is behind the log, in events (positions), as a gauge.</summary>
public sealed class ReadModelLagGauge : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "CrmPlatform.ReadModel";

    private readonly Meter _meter = new(MeterName);
    private long _head;

    /// <summary>Observes the projector against the log's head.</summary>
    public ReadModelLagGauge(IEventLog log, ReadModelProjector projector)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(projector);
        _meter.CreateObservableGauge("crm.readmodel.lag", () =>
        {
            // The head is refreshed in the background so a scrape never waits on the database.
            _ = log.GetHeadPositionAsync().ContinueWith(t => Volatile.Write(ref _head, t.Result), TaskContinuationOptions.OnlyOnRanToCompletion);
            return Math.Max(0, Volatile.Read(ref _head) - projector.Position);
        }, "{event}", "Events in the log that the read model has not applied yet.");
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
