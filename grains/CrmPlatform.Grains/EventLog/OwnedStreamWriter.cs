using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.EventLog;

/// <summary>
/// Writes what a module grain decided to the stream it owns (an opportunity's, a case's), which a
/// customer owns in turn so that its events land in that customer's partition: it wraps the events
/// in envelopes with the next sequences, appends them with the version the grain last saw, and on
/// an unknown outcome appends the same envelopes once more (the log is idempotent by event id).
/// The grain applies the envelopes only after this returns them, so its state never runs ahead of
/// the log.
/// </summary>
internal sealed class OwnedStreamWriter(IEventLog log, TimeProvider time)
{
    /// <summary>
    /// Appends <paramref name="decision"/>'s events after <paramref name="version"/>. Returns the
    /// envelopes written, or null when another writer got there first (the grain's state is stale:
    /// it should deactivate and let the caller retry).
    /// </summary>
    /// <exception cref="CommandOutcomeUnknownException">The log failed twice; the events may or may not be durable.</exception>
    public async Task<IReadOnlyList<EventEnvelope>?> AppendAsync(StreamKey stream, long version, Decision decision, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(context);
        var customerId = stream.CustomerId ?? throw new ArgumentException("The stream must be owned by a customer.", nameof(stream));
        var recordedAt = time.GetUtcNow();
        var envelopes = decision.Events
            .Select((e, i) => new EventEnvelope(
                Guid.CreateVersion7(recordedAt), customerId, version + 1 + i, 0, decision.OccurredAt, recordedAt,
                context.Actor, context.CorrelationId, context.IdempotencyKey, e)
            { StreamKind = stream.Kind, StreamId = stream.Id })
            .ToArray();
        try
        {
            await AppendOrRetryOnceAsync(stream, version, envelopes);
        }
        catch (StreamConcurrencyException)
        {
            return null;
        }
        catch (Exception ex) when (ex is not ArgumentException)
        {
            throw new CommandOutcomeUnknownException("The event log failed; retry the command with the same idempotency key.", ex);
        }

        return envelopes;
    }

    private async Task AppendOrRetryOnceAsync(StreamKey stream, long version, EventEnvelope[] envelopes)
    {
        try
        {
            await log.AppendAsync(stream, version, envelopes);
        }
        catch (Exception ex) when (ex is not StreamConcurrencyException and not ArgumentException)
        {
            await log.AppendAsync(stream, version, envelopes);
        }
    }
}
