using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Abstractions.Sales;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Grains.Sales;

/// <summary>
/// The single writer of one opportunity's stream, which its account (customer) owns, so that its
/// events land in that customer's partition in log order with the customer's own. On activation it
/// folds its stream; each command is decided against that state, appended, and applied only once
/// the log has made it durable — the same discipline as the customer grain.
/// </summary>
public sealed partial class OpportunityGrain(IEventLog log, TimeProvider time, ILogger<OpportunityGrain> logger) : Grain, IOpportunityGrain
{
    private readonly HandledIdempotencyKeys _handledKeys = new();
    private readonly OpportunityState _state = new();
    private readonly OwnedStreamWriter _writer = new(log, time);

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Streams are read by kind and id; the owner is learned from the first event.
        await foreach (var envelope in log.ReadStreamAsync(StreamKey.Unowned(StreamKinds.Opportunity, Id), 1, cancellationToken))
        {
            Apply(envelope);
        }
    }

    /// <inheritdoc />
    public Task<OpportunityView?> GetAsync()
    {
        if (!_state.Exists)
        {
            DeactivateOnIdle();
            return Task.FromResult<OpportunityView?>(null);
        }

        return Task.FromResult<OpportunityView?>(_state.ToView(Id));
    }

    /// <inheritdoc />
    public async Task<CommandResult> ExecuteAsync(OpportunityCommand command, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (context.IdempotencyKey is { } key && _handledKeys.TryGet(key, out var handled))
        {
            return new CommandResult(CommandStatus.Replayed, Id, handled.First, handled.Last, null, null);
        }

        var decision = new OpportunityDecider(Id, _state, time.GetUtcNow()).Decide(command);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }

        if (decision.Events.Count == 0)
        {
            return CommandResult.Unchanged(Id, _state.Version);
        }

        // The account must exist before a stream is opened in its name.
        if (command is OpenOpportunity open && await GrainFactory.GetGrain<ICustomerGrain>(open.CustomerId!).GetAsync() is null)
        {
            return CommandResult.NotFound(Id, $"Customer '{open.CustomerId}' does not exist.");
        }

        return await WriteAsync(decision, context, (command as OpenOpportunity)?.CustomerId ?? _state.CustomerId);
    }

    private async Task<CommandResult> WriteAsync(Decision decision, CommandContext context, string customerId)
    {
        IReadOnlyList<EventEnvelope>? written;
        try
        {
            written = await _writer.AppendAsync(StreamKey.OwnedBy(StreamKinds.Opportunity, Id, customerId), _state.Version, decision, context);
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
            return CommandResult.Conflict(Id, "The opportunity was changed concurrently; retry the command.");
        }

        var first = _state.Version + 1;
        foreach (var envelope in written)
        {
            Apply(envelope);
        }

        return CommandResult.Accepted(Id, first, _state.Version);
    }

    private void Apply(EventEnvelope envelope)
    {
        _state.Apply(envelope);
        _handledKeys.Record(envelope);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Opportunity {OpportunityId}: the event log failed twice; the command's outcome is unknown")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception exception, string opportunityId);
}
