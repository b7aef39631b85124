using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Diagnostics;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Grains.Hooks;
using CrmPlatform.Grains.Lifecycle;
using CrmPlatform.Grains.Snapshots;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Grains.Customers;

/// <summary>
/// The single writer of one customer. On activation it rebuilds its state from the customer's
/// snapshot, if it has a usable one, and the events of its stream after it; each command is
/// decided against that state, appended to the log, and applied only once the log has made it
/// durable. Every <see cref="SnapshotOptions.EveryEvents"/> events it saves a new snapshot.
/// </summary>
public sealed partial class CustomerGrain(
    IEventLog log,
    ICustomerSnapshotStore snapshots,
    TimeProvider time,
    IOptions<CustomerOptions> options,
    IOptions<SnapshotOptions> snapshotOptions,
    ICommandHookRunner hooks,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    /// <summary>The actor recorded on events the automatic lifecycle rules write.</summary>
    public const string RulesActor = "system:lifecycle-rules";

    /// <summary>A snapshot keeps at most this many idempotency keys, the most recent ones.</summary>
    public const int SnapshotIdempotencyKeys = 1_000;

    private readonly HandledIdempotencyKeys _handledKeys = new();
    private CustomerState _state = new();
    private long _snapshotVersion;

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await LoadSnapshotAsync(cancellationToken) is { } snapshot)
        {
            _state = snapshot.State;
            _handledKeys.Restore(snapshot.Data);
            _snapshotVersion = snapshot.Data.Version;
        }

        await foreach (var envelope in log.ReadStreamAsync(Id, _state.Version + 1, cancellationToken))
        {
            Apply(envelope);
        }
    }

    /// <inheritdoc />
    public Task<CustomerView?> GetAsync()
    {
        if (!_state.IsRegistered)
        {
            DeactivateOnIdle();
            return Task.FromResult<CustomerView?>(null);
        }

        return Task.FromResult<CustomerView?>(_state.ToView(Id));
    }

    /// <inheritdoc />
    public Task<MessageView?> GetMessageAsync(string messageId) => Task.FromResult(_state.Messages.Find(messageId));

    /// <inheritdoc />
    public async Task<CommandResult> ExecuteAsync(CustomerCommand command, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var name = command.GetType().Name;
        using var activity = CrmTelemetry.Activities.HasListeners() ? CrmTelemetry.Activities.StartActivity($"crm.command {name}") : null;
        activity?.SetTag("crm.customer.id", Id);
        activity?.SetTag("crm.correlation.id", context.CorrelationId);
        var result = await DecideAndWriteAsync(command, context);
        activity?.SetTag("crm.command.status", result.Status.ToString());
        CrmTelemetry.Commands.Add(1, new("command", name), new("status", result.Status.ToString()));
        return result;
    }

    private async Task<CommandResult> DecideAndWriteAsync(CustomerCommand command, CommandContext context)
    {
        // Keys a caller chooses (an API client) are bound to the request they were first used for. Keys
        // the platform derives from a source's identity (a provider's message id, an event id, a CSV
        // row) name the same fact on every redelivery, whose content may differ in what was observed
        // (a receive time): those replay the first result.
        var fingerprint = context.IdempotencyKey is null || !IdempotencyFingerprint.IsCallerChosen(context.Actor)
            ? null
            : IdempotencyFingerprint.Of(context.Actor, command);
        if (context.IdempotencyKey is { } key && await FindHandledKeyAsync(key) is { } handled)
        {
            return _handledKeys.FingerprintOf(key) is { } bound && bound != fingerprint
                ? CommandResult.KeyReused(Id, $"The Idempotency-Key '{key}' was already used for a different request (another caller, command or body); send a new key for a new request.")
                : new CommandResult(CommandStatus.Replayed, Id, handled.First, handled.Last, null, null);
        }

        var decision = new CustomerDecider(Id, _state, time.GetUtcNow(), options.Value).Decide(command);
        if (decision.Refusal is { } toRecord && decision.Events.Count > 0)
        {
            // A refusal to record: written without the idempotency key, so a retry decides afresh.
            var recorded = await WriteAsync(decision, context with { IdempotencyKey = null });
            return recorded.Status == CommandStatus.Accepted
                ? toRecord with { FirstSequence = recorded.FirstSequence, LastSequence = recorded.LastSequence }
                : recorded;
        }

        if (decision.Refusal is { } refusal)
        {
            if (!_state.IsRegistered)
            {
                DeactivateOnIdle();
            }

            return refusal;
        }

        if (decision.Events.Count == 0)
        {
            return CommandResult.Unchanged(Id, _state.Version);
        }

        if (hooks.Wants(decision.Events))
        {
            var verdict = await hooks.RunAsync(new HookRequest(Id, _state.IsRegistered ? _state.ToView(Id) : null, decision.Events, context.Actor));
            if (verdict.VetoReason is { } reason)
            {
                return CommandResult.Vetoed(Id, reason);
            }

            var enrichment = HookEnrichment.EventsFor(verdict, _state, decision.Events, out var dropped);
            if (dropped.Count > 0)
            {
                LogEnrichmentDropped(logger, Id, string.Join(", ", dropped));
            }

            decision = decision with { Events = [.. decision.Events, .. enrichment] };
        }

        var written = await WriteAsync(decision, context);
        if (written.Status == CommandStatus.Accepted && context.IdempotencyKey is { } writtenKey)
        {
            _handledKeys.Bind(writtenKey, fingerprint!);
        }

        return written;
    }

    /// <inheritdoc />
    public async Task<CommandResult> ApplyDueRulesAsync()
    {
        var now = time.GetUtcNow();
        if (!_state.IsRegistered)
        {
            DeactivateOnIdle();
            return CommandResult.NotFound(Id, $"Customer '{Id}' does not exist.");
        }

        if (LifecycleRules.Due(_state, now, options.Value.Lifecycle) is not { } change)
        {
            return CommandResult.Unchanged(Id, _state.Version);
        }

        LogRuleFired(logger, Id, change.Rule!, change.From, change.To);
        return await WriteAsync(Decision.Emit(now, change), new CommandContext(RulesActor, null, null));
    }

    private async Task<CommandResult> WriteAsync(Decision decision, CommandContext context)
    {
        var recordedAt = time.GetUtcNow();
        var first = _state.Version + 1;
        var envelopes = decision.Events
            .Select((e, i) => new EventEnvelope(
                Guid.CreateVersion7(recordedAt), Id, first + i, 0, decision.OccurredAt, recordedAt,
                context.Actor, context.CorrelationId, context.IdempotencyKey, e))
            .ToArray();
        var started = time.GetTimestamp();
        try
        {
            await AppendOrRetryOnceAsync(envelopes);
            CrmTelemetry.AppendDuration.Record(time.GetElapsedTime(started).TotalMilliseconds);
            CrmTelemetry.EventsAppended.Add(envelopes.Length);
        }
        catch (StreamConcurrencyException)
        {
            // Another writer moved the stream on: this activation's state is stale. Start afresh.
            DeactivateOnIdle();
            return CommandResult.Conflict(Id, "The customer was changed concurrently; retry the command.");
        }
        catch (Exception ex)
        {
            // The outcome is unknown: the next activation rebuilds the truth from the log.
            DeactivateOnIdle();
            LogOutcomeUnknown(logger, ex, Id);
            throw new CommandOutcomeUnknownException("The event log failed; retry the command with the same idempotency key.", ex);
        }

        foreach (var envelope in envelopes)
        {
            Apply(envelope);
        }

        if (SnapshotsOn && _state.Version - _snapshotVersion >= snapshotOptions.Value.EveryEvents)
        {
            await SaveSnapshotAsync();
        }

        return CommandResult.Accepted(Id, first, _state.Version);
    }

    /// <summary>
    /// Appends; when the log fails with an unknown outcome, appends the very same events once more.
    /// The log is idempotent by event id, so the second attempt either writes them or finds them
    /// already written — a lost acknowledgement costs no error.
    /// </summary>
    private async Task AppendOrRetryOnceAsync(EventEnvelope[] envelopes)
    {
        try
        {
            await log.AppendAsync(Id, _state.Version, envelopes);
        }
        catch (Exception ex) when (ex is not StreamConcurrencyException and not ArgumentException)
        {
            await log.AppendAsync(Id, _state.Version, envelopes);
        }
    }

    private void Apply(EventEnvelope envelope)
    {
        _state.Apply(envelope);
        _handledKeys.Record(envelope);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: the event log failed twice; the command's outcome is unknown")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: invalid hook additions were dropped: {Dropped}")]
    private static partial void LogEnrichmentDropped(ILogger logger, string customerId, string dropped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId}: rule {Rule} moved the customer from {From} to {To}")]
    private static partial void LogRuleFired(ILogger logger, string customerId, string rule, LifecycleStage from, LifecycleStage to);
}
