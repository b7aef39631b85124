using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>
/// Follows the event log from its durable checkpoint and keeps the <c>customers</c> table up to
/// date. Each batch of rows and the checkpoint commit together, so a restart neither skips nor
/// repeats an event. A batch that fails is applied again one event at a time; an event that still
/// fails after <see cref="ReadModelOptions.MaxAttempts"/> tries is parked (see <see cref="ParkedEvent"/>)
/// and the projector moves on, so one poison event never stops lists, search or the due index.
/// Retry it through <c>/api/read-model/parked</c> once fixed.
/// </summary>
public sealed class ReadModelProjector(
    IEventLog log,
    ICustomerReadModel readModel,
    IOptions<CustomerOptions> options,
    IOptions<ReadModelOptions> readModelOptions,
    TimeProvider time,
    ILogger<ReadModelProjector> logger) : LogProjector(log, time, logger)
{
    /// <summary>The checkpoint's name.</summary>
    public const string CheckpointName = "read-model.customers";

    /// <inheritdoc />
    protected override string Name => "The customer read model";

    /// <inheritdoc />
    protected override ProjectionRetry Retry =>
        new(readModelOptions.Value.MaxAttempts, readModelOptions.Value.RetryDelay, readModelOptions.Value.FailureDelay);

    /// <inheritdoc />
    protected override Task<long> GetCheckpointAsync(CancellationToken cancellationToken) =>
        readModel.GetCheckpointAsync(CheckpointName, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Every event is handled (the read model skips the stream kinds it does not keep), so the checkpoint is the batch's last.</remarks>
    protected override Task ApplyAsync(IReadOnlyList<EventEnvelope> events, long throughPosition, CancellationToken cancellationToken) =>
        readModel.ApplyAsync(events, CheckpointName, options.Value.BaseCurrency, cancellationToken);

    /// <inheritdoc />
    protected override Task ParkAsync(EventEnvelope envelope, string failure, int attempts, DateTimeOffset parkedAt, CancellationToken cancellationToken) =>
        readModel.ParkAsync(
            new ParkedEvent(envelope.Position, envelope.EventId, envelope.CustomerId, envelope.Type, failure, attempts, parkedAt),
            CheckpointName,
            cancellationToken);
}
