using CrmPlatform.Grains.Abstractions.Service;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Grains.Service;

/// <summary>A case as the fold of its stream. Only <see cref="Apply"/> changes it.</summary>
public sealed class CaseState
{
    private readonly List<CaseNoteView> _notes = [];
    private readonly List<CaseHistoryEntry> _history = [];
    private readonly SortedDictionary<SlaMetric, SlaClock> _sla = [];
    private readonly List<SlaPause> _pauses = [];
    private readonly List<CaseMessageView> _conversation = [];

    /// <summary>True once the case has been opened.</summary>
    public bool Exists { get; private set; }

    /// <summary>The customer that owns the case's stream.</summary>
    public string CustomerId { get; private set; } = string.Empty;

    /// <summary>The kind of case.</summary>
    public CaseKind Kind { get; private set; }

    /// <summary>How urgent it is.</summary>
    public CasePriority Priority { get; private set; }

    /// <summary>Its subject.</summary>
    public string Subject { get; private set; } = string.Empty;

    /// <summary>Where it stands.</summary>
    public CaseStatus Status { get; private set; }

    /// <summary>The queue it is in.</summary>
    public string? Queue { get; private set; }

    /// <summary>The agent who owns it.</summary>
    public string? Owner { get; private set; }

    /// <summary>When it was last resolved, while it is resolved or closed.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>When the SLA clock stopped (entering pending or resolved), while it is stopped.</summary>
    public DateTimeOffset? PausedAt { get; private set; }

    /// <summary>The SLA clock's finished pauses (pending, or resolved until a reopen), oldest first.</summary>
    public IReadOnlyList<SlaPause> Pauses => _pauses;

    /// <summary>The conversation with the customer over channels, oldest first.</summary>
    public IReadOnlyList<CaseMessageView> Conversation => _conversation;

    /// <summary>When the case was opened.</summary>
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>When the customer first got a response (the first public comment or outbound reply), if they did.</summary>
    public DateTimeOffset? FirstRespondedAt { get; private set; }

    /// <summary>The SLA policy that applies, if any.</summary>
    public string? SlaPolicyId { get; private set; }

    /// <summary>The SLA targets, by metric.</summary>
    public IReadOnlyDictionary<SlaMetric, SlaClock> Sla => _sla;

    /// <summary>The last sequence applied.</summary>
    public long Version { get; private set; }

    /// <summary>The number of notes written, for the next note's id.</summary>
    public int NoteCount => _notes.Count;

    /// <summary>True while the case is being worked (new, open or pending).</summary>
    public bool IsActive => Status is CaseStatus.New or CaseStatus.Open or CaseStatus.Pending;

    private ServiceCaseOpened? Opened { get; set; }
    private DateTimeOffset? ClosedAt { get; set; }
    private string? Category { get; set; }
    private IReadOnlyList<string> Tags { get; set; } = [];

    /// <summary>Folds one event of the case's stream.</summary>
    public void Apply(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var at = envelope.OccurredAt;
        switch (envelope.Event)
        {
            case ServiceCaseOpened e:
                Exists = true;
                Opened = e;
                CustomerId = envelope.CustomerId;
                OpenedAt = at;
                (Kind, Priority, Subject, Category, Tags, Queue, Owner) = (e.Kind, e.Priority, e.Subject, e.Category, e.Tags, e.Queue, e.Owner);
                Status = CaseStatus.New;
                break;
            case CaseStatusChanged e:
                Status = e.To;
                if (e.To is CaseStatus.Pending or CaseStatus.Resolved && e.From is not (CaseStatus.Pending or CaseStatus.Resolved))
                {
                    PausedAt = at;
                }
                else if (e.To is CaseStatus.New or CaseStatus.Open)
                {
                    if (PausedAt is { } pausedAt)
                    {
                        _pauses.Add(new SlaPause(pausedAt, at));
                    }

                    PausedAt = null;
                }

                if (e.To == CaseStatus.Resolved)
                {
                    ResolvedAt = at;
                    Meet(SlaMetric.Resolution, at);
                }
                else if (e.To == CaseStatus.Closed)
                {
                    ClosedAt = at;
                }
                else if (e.From == CaseStatus.Resolved)
                {
                    ResolvedAt = null;
                    if (_sla.TryGetValue(SlaMetric.Resolution, out var resolution))
                    {
                        _sla[SlaMetric.Resolution] = resolution with { MetAt = null };
                    }
                }

                break;
            case CaseAssigned e:
                (Queue, Owner) = (e.Queue, e.Owner);
                break;
            case CaseClassified e:
                (Priority, Category, Tags) = (e.Priority, e.Category, e.Tags);
                break;
            case CaseNoteAdded e:
                _notes.Add(new CaseNoteView(e.NoteId, e.Text, e.Internal, envelope.Actor, at));
                if (!e.Internal && FirstRespondedAt is null)
                {
                    FirstRespondedAt = at;
                    Meet(SlaMetric.FirstResponse, at);
                }

                break;
            case CaseReplyRequested e:
                _conversation.Add(new CaseMessageView("outbound", e.Channel, e.MessageId, e.Text, null, at, null));
                break;
            case CaseReplySent e:
                var index = _conversation.FindIndex(m => m.Direction == "outbound" && m.MessageId == e.MessageId);
                if (index >= 0)
                {
                    _conversation[index] = _conversation[index] with { SentAt = e.SentAt };
                }

                if (FirstRespondedAt is null)
                {
                    FirstRespondedAt = e.SentAt;
                    Meet(SlaMetric.FirstResponse, e.SentAt);
                }

                break;
            case CaseMessageReceived e:
                _conversation.Add(new CaseMessageView("inbound", e.Channel, e.ProviderMessageId, e.Text, e.Subject, e.ReceivedAt, null));
                break;
            case CaseSlaScheduled e:
                SlaPolicyId = e.PolicyId;
                foreach (var deadline in e.Deadlines)
                {
                    _sla[deadline.Metric] = _sla.TryGetValue(deadline.Metric, out var clock)
                        ? clock with { Deadline = deadline }
                        : new SlaClock(deadline, null, false, false);
                }

                break;
            case CaseSlaWarned e when _sla.TryGetValue(e.Metric, out var warned):
                _sla[e.Metric] = warned with { Warned = true };
                break;
            case CaseSlaBreached e when _sla.TryGetValue(e.Metric, out var breached):
                _sla[e.Metric] = breached with { Breached = true };
                break;
        }

        _history.Add(new CaseHistoryEntry(envelope.Sequence, at, envelope.Actor, envelope.Type));
        Version = envelope.Sequence;
    }

    /// <summary>The SLA targets still running (not met) while the clock runs.</summary>
    public IEnumerable<SlaClock> RunningClocks() =>
        PausedAt is null && IsActive ? _sla.Values.Where(c => c.MetAt is null) : [];

    /// <summary>The case as a view.</summary>
    public CaseView ToView(string id) => new()
    {
        Id = id,
        CustomerId = CustomerId,
        Kind = Kind,
        Priority = Priority,
        Subject = Subject,
        Description = Opened?.Description,
        Status = Status,
        Category = Category,
        Tags = Tags,
        Queue = Queue,
        Owner = Owner,
        OpportunityId = Opened?.OpportunityId,
        OrderId = Opened?.OrderId,
        ProductId = Opened?.ProductId,
        OpenedAt = _history.Count > 0 ? _history[0].At : default,
        FirstRespondedAt = FirstRespondedAt,
        ResolvedAt = ResolvedAt,
        ClosedAt = ClosedAt,
        SlaPolicyId = SlaPolicyId,
        Sla = [.. _sla.Values.Select(c => c.ToView(PausedAt is not null))],
        Notes = [.. _notes],
        History = [.. _history],
        Version = Version,
        Conversation = [.. _conversation],
    };

    private void Meet(SlaMetric metric, DateTimeOffset at)
    {
        if (_sla.TryGetValue(metric, out var clock) && clock.MetAt is null)
        {
            _sla[metric] = clock with { MetAt = at };
        }
    }
}
