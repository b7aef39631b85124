using System.Text.RegularExpressions;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Service;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Service;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Service;

/// <summary>
/// Follows the customers' message events from its own checkpoint and brings them onto cases: a
/// sent message that is a case's reply is recorded on that case with the provider's sent time (the
/// first one meets the first-response target), and a message the customer wrote is threaded onto
/// the case its subject names (<c>[case:ID]</c>) or else onto the customer's active case whose
/// conversation last used that channel. The case grains ignore what they already have, so a
/// replay after a restart writes nothing twice.
/// </summary>
internal sealed partial class CaseConversationTracker(
    IEventLog log,
    CaseStore store,
    CaseProjector cases,
    IGrainFactory grains,
    IOptions<ReadModelOptions> readModelOptions,
    TimeProvider time,
    ILogger<CaseConversationTracker> logger) : LogProjector(log, time, logger)
{
    /// <summary>The checkpoint's name.</summary>
    public const string CheckpointName = "service.conversations";

    /// <summary>The actor of what the tracker records.</summary>
    public const string Actor = "system:conversations";

    private const int MaxCasesPerCustomer = 200;

    /// <inheritdoc />
    protected override string Name => "The case conversation tracker";

    /// <inheritdoc />
    protected override ProjectionRetry Retry =>
        new(readModelOptions.Value.MaxAttempts, readModelOptions.Value.RetryDelay, readModelOptions.Value.FailureDelay);

    /// <inheritdoc />
    protected override bool Keeps(EventEnvelope envelope) =>
        envelope.StreamKind == StreamKinds.Customer && envelope.Event is MessageSent or MessageReceived;

    /// <inheritdoc />
    protected override Task<long> GetCheckpointAsync(CancellationToken cancellationToken) =>
        store.GetCheckpointAsync(CheckpointName, cancellationToken);

    /// <inheritdoc />
    protected override async Task ApplyAsync(IReadOnlyList<EventEnvelope> events, long throughPosition, CancellationToken cancellationToken)
    {
        if (events.Count > 0)
        {
            // A case opened just before its first message must be in the cases table when it is looked for.
            await cases.WaitForAsync(events[^1].Position, TimeSpan.FromSeconds(30), cancellationToken);
        }

        foreach (var envelope in events)
        {
            var context = new CommandContext(Actor, envelope.CorrelationId, null);
            switch (envelope.Event)
            {
                case MessageSent sent:
                    foreach (var id in await CaseIdsAsync(envelope.CustomerId, active: false, cancellationToken))
                    {
                        Ensure(await grains.GetGrain<ICaseGrain>(id).ExecuteAsync(new RecordCaseReplySent(sent.MessageId, envelope.OccurredAt), context));
                    }

                    break;
                case MessageReceived received when await ThreadOfAsync(envelope.CustomerId, received, cancellationToken) is { } caseId:
                    Ensure(await grains.GetGrain<ICaseGrain>(caseId).ExecuteAsync(
                        new ThreadCaseMessage(received.Channel, received.ProviderMessageId, received.Text, received.Subject, envelope.OccurredAt), context));
                    break;
            }
        }

        await store.ApplyAsync([], throughPosition, CheckpointName, cancellationToken);
    }

    /// <inheritdoc />
    protected override Task ParkAsync(EventEnvelope envelope, string failure, int attempts, DateTimeOffset parkedAt, CancellationToken cancellationToken) =>
        store.ParkAsync(envelope, failure, parkedAt, CheckpointName, cancellationToken);

    /// <summary>The case a message the customer wrote belongs to, or null when it belongs to none.</summary>
    private async Task<string?> ThreadOfAsync(string customerId, MessageReceived received, CancellationToken cancellationToken)
    {
        if (received.Subject is { } subject && CaseToken().Match(subject) is { Success: true } token
            && await grains.GetGrain<ICaseGrain>(token.Groups[1].Value).GetAsync() is { } named
            && named.CustomerId == customerId && named.Status != CaseStatus.Closed)
        {
            return named.Id;
        }

        (string Id, DateTimeOffset At)? latest = null;
        foreach (var id in await CaseIdsAsync(customerId, active: true, cancellationToken))
        {
            if (await grains.GetGrain<ICaseGrain>(id).GetAsync() is not { } view)
            {
                continue;
            }

            var last = view.Conversation.Where(m => m.Channel == received.Channel).Select(m => (DateTimeOffset?)m.At).Max();
            if (last is { } at && (latest is null || at > latest.Value.At))
            {
                latest = (id, at);
            }
        }

        return latest?.Id;
    }

    /// <summary>The customer's cases that are not closed (only the active ones: new, open, pending).</summary>
    private async Task<IReadOnlyList<string>> CaseIdsAsync(string customerId, bool active, CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(new CaseListQuery(null, null, null, customerId, null, null, MaxCasesPerCustomer), cancellationToken);
        return [.. page.Items
            .Where(r => active ? r.Status is CaseStatus.New or CaseStatus.Open or CaseStatus.Pending : r.Status != CaseStatus.Closed)
            .Select(r => r.Id)];
    }

    private static void Ensure(CommandResult result)
    {
        if (!result.Succeeded && result.Status != CommandStatus.Conflict)
        {
            throw new InvalidOperationException($"The case refused the conversation's change: {result.Status} {result.Detail}");
        }
    }

    [GeneratedRegex(@"\[case:([A-Za-z0-9][A-Za-z0-9._:-]{0,63})\]", RegexOptions.CultureInvariant)]
    private static partial Regex CaseToken();
}
