using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Service;

/// <summary>
/// Follows the event log from its own checkpoint and keeps the <c>cases</c> table (and with it the
/// SLA due index) up to date from the streams of kind <c>case</c>; other kinds only move the
/// checkpoint on. Never stops on a poison event (see <see cref="LogProjector"/>).
/// </summary>
internal sealed class CaseProjector(
    IEventLog log,
    CaseStore store,
    IOptions<ReadModelOptions> readModelOptions,
    TimeProvider time,
    ILogger<CaseProjector> logger) : LogProjector(log, time, logger)
{
    /// <summary>The checkpoint's name.</summary>
    public const string CheckpointName = "service.cases";

    /// <inheritdoc />
    protected override string Name => "The case projection";

    /// <inheritdoc />
    protected override ProjectionRetry Retry =>
        new(readModelOptions.Value.MaxAttempts, readModelOptions.Value.RetryDelay, readModelOptions.Value.FailureDelay);

    /// <inheritdoc />
    protected override bool Keeps(EventEnvelope envelope) => envelope.StreamKind == StreamKinds.Case;

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
