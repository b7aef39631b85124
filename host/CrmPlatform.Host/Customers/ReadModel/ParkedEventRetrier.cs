using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>
/// Retries parked read-model events once their cause is fixed: the event is read again from the
/// log, with the rest of its customer's stream, and the customer's row is rebuilt with it.
/// </summary>
internal sealed class ParkedEventRetrier(IEventLog log, ICustomerReadModel readModel, IOptions<CustomerOptions> options)
{
    /// <summary>How many parked events one "retry all" takes on.</summary>
    public const int MaxRetriedAtOnce = 1_000;

    // A projector may apply the customer's newest events while the history is read: read it again.
    private const int StaleHistoryAttempts = 3;

    /// <summary>Retries <paramref name="parked"/>; returns why it failed again, or null when it was applied (and unparked).</summary>
    public async Task<string?> RetryAsync(ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parked);
        for (var attempt = 0; attempt < StaleHistoryAttempts; attempt++)
        {
            var history = new List<EventEnvelope>();
            await foreach (var envelope in log.ReadStreamAsync(parked.CustomerId, 1, cancellationToken))
            {
                history.Add(envelope);
            }

            if (!history.Exists(e => e.Position == parked.Position && e.EventId == parked.EventId))
            {
                return $"The log holds no event {parked.EventId} at position {parked.Position} for customer '{parked.CustomerId}'.";
            }

            try
            {
                if (await readModel.RebuildCustomerAsync(history, parked.Position, ReadModelProjector.CheckpointName, options.Value.BaseCurrency, cancellationToken))
                {
                    return null;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return $"{ex.GetType().Name}: {ex.Message}";
            }
        }

        return "The customer kept changing while its row was rebuilt; try again.";
    }

    /// <summary>Retries every parked event (at most <see cref="MaxRetriedAtOnce"/>), oldest first.</summary>
    public async Task<ParkedRetrySummary> RetryAllAsync(CancellationToken cancellationToken = default)
    {
        var applied = 0;
        var failed = new List<ParkedRetryFailure>();
        foreach (var parked in await readModel.ListParkedAsync(MaxRetriedAtOnce, cancellationToken))
        {
            if (await RetryAsync(parked, cancellationToken) is { } error)
            {
                failed.Add(new ParkedRetryFailure(parked.Position, error));
            }
            else
            {
                applied++;
            }
        }

        return new ParkedRetrySummary(applied, failed);
    }
}
