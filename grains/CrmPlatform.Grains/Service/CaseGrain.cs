using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Abstractions.Service;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Service;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Grains.Service;

/// <summary>
/// The single writer of one case's stream, which its customer owns (so the case's events land in
/// that customer's partition in order with the customer's own). On activation it folds its stream;
/// each command is decided against that state, given its SLA deadlines and its queue's choice of
/// agent, appended, and applied once durable. The customer grain keeps the relationship's summary
/// of open cases: after each change this grain brings that summary in line (idempotently, and
/// again on its next activation if the customer could not be reached).
/// </summary>
public sealed partial class CaseGrain(
    IEventLog log,
    TimeProvider time,
    ISlaPolicySource policies,
    IOptions<CaseOptions> options,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain
{
    /// <summary>The actor of what timers record.</summary>
    public const string SystemActor = "system:sla";

    private readonly HandledIdempotencyKeys _handledKeys = new();
    private readonly CaseState _state = new();
    private readonly OwnedStreamWriter _writer = new(log, time);

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await foreach (var envelope in log.ReadStreamAsync(StreamKey.Unowned(StreamKinds.Case, Id), 1, cancellationToken))
        {
            Apply(envelope);
        }

        if (_state.Exists)
        {
            await SyncSummaryAsync();
        }
    }

    /// <inheritdoc />
    public Task<CaseView?> GetAsync()
    {
        if (!_state.Exists)
        {
            DeactivateOnIdle();
            return Task.FromResult<CaseView?>(null);
        }

        return Task.FromResult<CaseView?>(_state.ToView(Id));
    }

    /// <inheritdoc />
    public async Task<CommandResult> ExecuteAsync(CaseCommand command, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (context.IdempotencyKey is { } key && _handledKeys.TryGet(key, out var handled))
        {
            return new CommandResult(CommandStatus.Replayed, Id, handled.First, handled.Last, null, null);
        }

        var now = time.GetUtcNow();
        var decision = new CaseDecider(Id, _state, now, options.Value).Decide(command);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }

        if (decision.Events.Count == 0)
        {
            return CommandResult.Unchanged(Id, _state.Version);
        }

        var events = decision.Events.ToList();
        var previousQueue = _state.Queue;
        var previousOwner = _state.Owner;
        string? chosen = null;
        if (events[0] is ServiceCaseOpened opened)
        {
            // The customer must exist before a stream is opened in its name; its value tier picks the SLA policy.
            var customerId = ((OpenServiceCase)command).CustomerId!;
            if (await GrainFactory.GetGrain<ICustomerGrain>(customerId).GetAsync() is not { } customer)
            {
                return CommandResult.NotFound(Id, $"Customer '{customerId}' does not exist.");
            }

            if (opened.Queue is { } queue && opened.Owner is null)
            {
                chosen = await GrainFactory.GetGrain<IQueueGrain>(queue).AssignAsync(Id);
                events[0] = opened with { Owner = chosen };
            }

            if (await policies.FindAsync(opened.Priority, customer.Insights.GetValueOrDefault("value-tier")?.Label) is { } plan)
            {
                events.Add(new CaseSlaScheduled(plan.PolicyId, plan.Deadlines(now, Enum.GetValues<SlaMetric>())));
            }
        }
        else if (events[0] is CaseAssigned assigned && assigned.Owner is null && assigned.Queue is { } queue)
        {
            chosen = await GrainFactory.GetGrain<IQueueGrain>(queue).AssignAsync(Id);
            events[0] = assigned with { Owner = chosen };
        }
        else if (events[0] is CaseStatusChanged { To: CaseStatus.Open or CaseStatus.New } resumed
            && resumed.From is CaseStatus.Pending or CaseStatus.Resolved
            && _state.PausedAt is { } pausedAt && _state.SlaPolicyId is { } policyId
            && await policies.GetAsync(policyId) is { } plan)
        {
            var moved = _state.Sla.Values
                .Where(c => c.MetAt is null || (c.Deadline.Metric == SlaMetric.Resolution && resumed.From == CaseStatus.Resolved))
                .Select(c => plan.Resume(c.Deadline, pausedAt, now))
                .ToArray();
            if (moved.Length > 0)
            {
                events.Add(new CaseSlaScheduled(policyId, moved));
            }
        }

        else if (events[0] is CaseClassified classified && classified.Priority != _state.Priority && _state.IsActive
            && await RescheduleAsync(classified.Priority, now) is { } rescheduled)
        {
            events.Add(rescheduled);
        }

        var result = await WriteAsync(decision with { Events = events }, context, (command as OpenServiceCase)?.CustomerId ?? _state.CustomerId);
        if (result.Status != CommandStatus.Accepted)
        {
            if (chosen is not null)
            {
                await GrainFactory.GetGrain<IQueueGrain>(events[0] is ServiceCaseOpened o ? o.Queue! : ((CaseAssigned)events[0]).Queue!).ReleaseAsync(chosen);
            }

            return result;
        }

        await ReleaseLoadAsync(previousQueue, previousOwner);
        await SyncSummaryAsync();
        if (command is RecordCaseReply reply)
        {
            await CatchUpSentAsync(reply.MessageId, context);
        }

        return result;
    }

    /// <summary>
    /// A reply's message may have been sent before the case recorded it (the conversation tracker
    /// then found no reply to mark): asked after the reply is written, the customer's grain says so,
    /// and the case records it as sent now.
    /// </summary>
    private async Task CatchUpSentAsync(string messageId, CommandContext context)
    {
        try
        {
            var message = await GrainFactory.GetGrain<ICustomerGrain>(_state.CustomerId).GetMessageAsync(messageId);
            if (message?.Status is MessageStatus.Sent or MessageStatus.Delivered)
            {
                await ExecuteAsync(new RecordCaseReplySent(messageId, time.GetUtcNow()), context with { IdempotencyKey = null });
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSummaryFailed(logger, ex, Id, _state.CustomerId);
        }
    }

    /// <inheritdoc />
    public async Task<int> CheckSlaAsync()
    {
        if (!_state.Exists)
        {
            DeactivateOnIdle();
            return 0;
        }

        var now = time.GetUtcNow();
        var due = new List<ICustomerEvent>();
        foreach (var clock in _state.RunningClocks())
        {
            if (!clock.Warned && !clock.Breached && now >= clock.Deadline.WarnAt && now < clock.Deadline.DueAt)
            {
                due.Add(new CaseSlaWarned(clock.Deadline.Metric, clock.Deadline.DueAt));
            }

            if (!clock.Breached && now >= clock.Deadline.DueAt)
            {
                due.Add(new CaseSlaBreached(clock.Deadline.Metric, clock.Deadline.DueAt));
            }
        }

        if (due.Count == 0)
        {
            return 0;
        }

        // Each warning and breach is recorded once: the state says which were, and a second wake-up finds nothing due.
        var context = new CommandContext(SystemActor, null, null);
        var result = await WriteAsync(Decision.Emit(now, due), context, _state.CustomerId);
        return result.Status == CommandStatus.Accepted ? due.Count : 0;
    }

    /// <summary>
    /// The deadlines under the policy for a new priority, when that is another policy: the business
    /// time the case has used counts against the new targets (met targets stay met; a warning or
    /// breach already recorded stays recorded). Null when no policy applies or it is the same one.
    /// </summary>
    private async Task<CaseSlaScheduled?> RescheduleAsync(CasePriority priority, DateTimeOffset now)
    {
        var customer = await GrainFactory.GetGrain<ICustomerGrain>(_state.CustomerId).GetAsync();
        if (await policies.FindAsync(priority, customer?.Insights.GetValueOrDefault("value-tier")?.Label) is not { } plan
            || plan.PolicyId == _state.SlaPolicyId)
        {
            return null;
        }

        var reference = _state.PausedAt ?? now;
        var deadlines = plan.Targets.Keys.Order()
            .Where(m => !(_state.Sla.TryGetValue(m, out var clock) && clock.MetAt is not null))
            .Where(m => m != SlaMetric.FirstResponse || _state.FirstRespondedAt is null)
            .Select(m => plan.Rescheduled(m, _state.OpenedAt, _state.Pauses, reference))
            .ToArray();
        return deadlines.Length == 0 ? null : new CaseSlaScheduled(plan.PolicyId, deadlines);
    }

    private async Task<CommandResult> WriteAsync(Decision decision, CommandContext context, string customerId)
    {
        IReadOnlyList<EventEnvelope>? written;
        try
        {
            written = await _writer.AppendAsync(StreamKey.OwnedBy(StreamKinds.Case, Id, customerId), _state.Version, decision, context);
        }
        catch (CommandOutcomeUnknownException ex)
        {
            DeactivateOnIdle();
            LogOutcomeUnknown(logger, ex.InnerException ?? ex, Id);
            throw;
        }

        if (written is null)
        {
            // Another activation wrote meanwhile: this state is stale. Start afresh.
            DeactivateOnIdle();
            return CommandResult.Conflict(Id, "The case was changed concurrently; retry the command.");
        }

        var first = _state.Version + 1;
        foreach (var envelope in written)
        {
            Apply(envelope);
        }

        return CommandResult.Accepted(Id, first, _state.Version);
    }

    /// <summary>Tells the queue that its agent no longer holds this case, when the case left the agent or stopped being active.</summary>
    private async Task ReleaseLoadAsync(string? previousQueue, string? previousOwner)
    {
        if (previousQueue is null || previousOwner is null)
        {
            return;
        }

        var stillHeld = _state.IsActive && _state.Queue == previousQueue && _state.Owner == previousOwner;
        if (!stillHeld)
        {
            await GrainFactory.GetGrain<IQueueGrain>(previousQueue).ReleaseAsync(previousOwner);
        }
    }

    /// <summary>
    /// Brings the customer's summary of open cases in line with this case: open while the case is
    /// active, resolved otherwise. Keys name the case and its version, so a retry is a replay.
    /// </summary>
    private async Task SyncSummaryAsync()
    {
        try
        {
            var customer = GrainFactory.GetGrain<ICustomerGrain>(_state.CustomerId);
            if (await customer.GetAsync() is not { } view)
            {
                return;
            }

            var listedOpen = view.OpenCases.Any(c => c.CaseId == Id);
            var context = new CommandContext($"case:{Id}", null, $"case-summary:{Id}:{_state.Version}");
            CommandResult? result = null;
            if (_state.IsActive && !listedOpen)
            {
                result = await customer.ExecuteAsync(new OpenCase(Id, _state.Kind, _state.Priority, _state.Subject, null), context);
                if (result.Status == CommandStatus.Conflict)
                {
                    // Known to the customer as resolved: the case was reopened.
                    result = await customer.ExecuteAsync(new ReopenCase(Id, _state.Kind, _state.Priority, _state.Subject), context with { IdempotencyKey = context.IdempotencyKey + ":reopen" });
                }
            }
            else if (!_state.IsActive && listedOpen)
            {
                var resolution = _state.Status == CaseStatus.Closed ? "Closed." : "Resolved.";
                result = await customer.ExecuteAsync(new ResolveCase(Id, resolution, null), context);
            }

            if (result is { Succeeded: false })
            {
                LogSummaryRefused(logger, Id, _state.CustomerId, result.Status, result.Detail);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The case's own stream is the truth; the summary catches up on the next change or activation.
            LogSummaryFailed(logger, ex, Id, _state.CustomerId);
        }
    }

    private void Apply(EventEnvelope envelope)
    {
        _state.Apply(envelope);
        _handledKeys.Record(envelope);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: the event log failed twice; the command's outcome is unknown")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: customer {CustomerId}'s case summary could not be updated; it is retried on the next change")]
    private static partial void LogSummaryFailed(ILogger logger, Exception exception, string caseId, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: customer {CustomerId} refused the case summary ({Status}: {Detail})")]
    private static partial void LogSummaryRefused(ILogger logger, string caseId, string customerId, CommandStatus status, string? detail);
}
