using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Sales;

/// <summary>
/// Follows the event log from its own checkpoint and keeps the <c>opportunities</c> table up to
/// date from the streams of kind <c>opportunity</c>; other kinds only move the checkpoint on. Like
/// the customer read model it never stops on a poison event (see <see cref="LogProjector"/>).
/// </summary>
internal sealed class OpportunityProjector(
    IEventLog log,
    OpportunityStore store,
    IOptions<ReadModelOptions> readModelOptions,
    TimeProvider time,
    ILogger<OpportunityProjector> logger) : LogProjector(log, time, logger)
{
    /// <summary>The checkpoint's name.</summary>
    public const string CheckpointName = "sales.opportunities";

    /// <inheritdoc />
    protected override string Name => "The opportunity projection";

    /// <inheritdoc />
    protected override ProjectionRetry Retry =>
        new(readModelOptions.Value.MaxAttempts, readModelOptions.Value.RetryDelay, readModelOptions.Value.FailureDelay);

    /// <inheritdoc />
    protected override bool Keeps(EventEnvelope envelope) => envelope.StreamKind == StreamKinds.Opportunity;

    /// <inheritdoc />
    protected override Task<long> GetCheckpointAsync(CancellationToken cancellationToken) =>
        store.GetCheckpointAsync(CheckpointName, cancellationToken);

    /// <inheritdoc />
    protected override Task ApplyAsync(IReadOnlyList<EventEnvelope> events, long throughPosition, CancellationToken cancellationToken) =>
        store.ApplyAsync(events, throughPosition, CheckpointName, cancellationToken);

    /// <inheritdoc />
    protected override Task ParkAsync(EventEnvelope envelope, string failure, int attempts, DateTimeOffset parkedAt, CancellationToken cancellationToken) =>
        store.ParkAsync(envelope, failure, parkedAt, CheckpointName, cancellationToken);
}
