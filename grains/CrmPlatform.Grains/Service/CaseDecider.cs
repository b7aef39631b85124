using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Service;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Grains.Service;

/// <summary>
/// Decides what a command means for a case: validates it against the case's state and the status
/// machine (new → open → pending → resolved → closed, reopen within <see cref="CaseOptions.ReopenWindow"/>)
/// and returns the events to write. Pure: no I/O, the time is passed in. SLA deadlines and the
/// queue's choice of agent need I/O: the grain adds them.
/// </summary>
public sealed class CaseDecider(string caseId, CaseState state, DateTimeOffset now, CaseOptions options)
{
    private const int MaxShortText = 100;

    /// <summary>The moves the status machine allows (besides staying put).</summary>
    public static IReadOnlyDictionary<CaseStatus, CaseStatus[]> Moves { get; } = new Dictionary<CaseStatus, CaseStatus[]>
    {
        [CaseStatus.New] = [CaseStatus.Open, CaseStatus.Pending, CaseStatus.Resolved],
        [CaseStatus.Open] = [CaseStatus.Pending, CaseStatus.Resolved],
        [CaseStatus.Pending] = [CaseStatus.Open, CaseStatus.Resolved],
        [CaseStatus.Resolved] = [CaseStatus.Open, CaseStatus.Closed],
        [CaseStatus.Closed] = [],
    };

    /// <summary>Decides one command.</summary>
    public Decision Decide(CaseCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is OpenServiceCase open)
        {
            return Open(open);
        }

        if (!state.Exists)
        {
            return Decision.Refuse(CommandResult.NotFound(caseId, $"Case '{caseId}' does not exist."));
        }

        return command switch
        {
            ChangeCaseStatus c => ChangeStatus(c),
            AssignCase c => Assign(c),
            AddCaseNote c => AddNote(c),
            ClassifyCase c => Classify(c),
            RecordCaseReply c => RecordReply(c),
            RecordCaseReplySent c => RecordReplySent(c),
            ThreadCaseMessage c => Thread(c),
            _ => throw new NotSupportedException($"Command '{command.GetType().Name}' is not handled."),
        };
    }

    private Decision Open(OpenServiceCase c)
    {
        if (state.Exists)
        {
            return Decision.Refuse(CommandResult.Conflict(caseId, $"Case '{caseId}' is already open."));
        }

        var errors = new FieldErrors();
        CustomerFields.Id(errors, "customerId", c.CustomerId);
        var kind = errors.Required("kind", c.Kind);
        CheckEnum(errors, "kind", c.Kind);
        CheckEnum(errors, "priority", c.Priority);
        CustomerFields.Text(errors, "subject", c.Subject, CustomerFields.MaxSubjectLength, required: true);
        CustomerFields.Text(errors, "description", c.Description, CustomerFields.MaxTextLength);
        CustomerFields.Text(errors, "category", c.Category, MaxShortText);
        CheckTags(errors, c.Tags);
        CustomerFields.Id(errors, "queue", c.Queue, required: false);
        CustomerFields.Text(errors, "owner", c.Owner, MaxShortText);
        CustomerFields.Id(errors, "opportunityId", c.OpportunityId, required: false);
        CustomerFields.Text(errors, "orderId", c.OrderId, MaxShortText);
        CustomerFields.Text(errors, "productId", c.ProductId, MaxShortText);
        if (!errors.IsEmpty)
        {
            return Decision.Refuse(CommandResult.Invalid(caseId, errors.ToDictionary()));
        }

        return Decision.Emit(now, new ServiceCaseOpened(
            caseId, kind!.Value, c.Priority ?? CasePriority.Normal, c.Subject!.Trim(), Trim(c.Description), Trim(c.Category),
            Tags(c.Tags), c.Queue, Trim(c.Owner), c.OpportunityId, Trim(c.OrderId), Trim(c.ProductId)));
    }

    private Decision ChangeStatus(ChangeCaseStatus c)
    {
        var errors = new FieldErrors();
        var to = errors.Required("to", c.To);
        CheckEnum(errors, "to", c.To);
        CustomerFields.Text(errors, "reason", c.Reason, CustomerFields.MaxTextLength, required: to == CaseStatus.Resolved);
        if (!errors.IsEmpty)
        {
            return Decision.Refuse(CommandResult.Invalid(caseId, errors.ToDictionary()));
        }

        if (to == state.Status)
        {
            return Decision.Emit(now);
        }

        if (!Moves[state.Status].Contains(to!.Value))
        {
            return Decision.Refuse(CommandResult.Conflict(caseId, $"A {Name(state.Status)} case cannot become {Name(to.Value)}."));
        }

        if (state.Status == CaseStatus.Resolved && to == CaseStatus.Open && now - state.ResolvedAt > options.ReopenWindow)
        {
            return Decision.Refuse(CommandResult.Conflict(caseId, $"The case was resolved more than {options.ReopenWindow.TotalDays:0.#} days ago; it can only be closed."));
        }

        return Decision.Emit(now, new CaseStatusChanged(state.Status, to.Value, Trim(c.Reason)));
    }

    private Decision Assign(AssignCase c)
    {
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "queue", c.Queue, required: false);
        CustomerFields.Text(errors, "owner", c.Owner, MaxShortText);
        if (c.Queue is null && c.Owner is null)
        {
            errors.Add("owner", "Name a queue, an owner or both.");
        }

        if (!errors.IsEmpty)
        {
            return Decision.Refuse(CommandResult.Invalid(caseId, errors.ToDictionary()));
        }

        if (state.Status == CaseStatus.Closed)
        {
            return Decision.Refuse(CommandResult.Conflict(caseId, "A closed case cannot be assigned."));
        }

        var queue = c.Queue ?? state.Queue;
        var owner = Trim(c.Owner);
        if (owner is null && c.Queue is not null)
        {
            // The queue chooses the agent (the grain asks it): always a change to decide.
            return Decision.Emit(now, new CaseAssigned(queue, null));
        }

        return queue == state.Queue && owner == state.Owner
            ? Decision.Emit(now)
            : Decision.Emit(now, new CaseAssigned(queue, owner));
    }

    private Decision AddNote(AddCaseNote c)
    {
        var errors = new FieldErrors();
        CustomerFields.Text(errors, "text", c.Text, CustomerFields.MaxTextLength, required: true);
        if (!errors.IsEmpty)
        {
            return Decision.Refuse(CommandResult.Invalid(caseId, errors.ToDictionary()));
        }

        return state.Status == CaseStatus.Closed
            ? Decision.Refuse(CommandResult.Conflict(caseId, "A closed case takes no more notes."))
            : Decision.Emit(now, new CaseNoteAdded($"n-{state.NoteCount + 1}", c.Text!.Trim(), c.Internal));
    }

    private Decision Classify(ClassifyCase c)
    {
        var errors = new FieldErrors();
        CheckEnum(errors, "priority", c.Priority);
        CustomerFields.Text(errors, "category", c.Category, MaxShortText);
        CheckTags(errors, c.Tags);
        if (!errors.IsEmpty)
        {
            return Decision.Refuse(CommandResult.Invalid(caseId, errors.ToDictionary()));
        }

        var view = state.ToView(caseId);
        var changed = new CaseClassified(c.Priority ?? view.Priority, Trim(c.Category) ?? view.Category, c.Tags is null ? view.Tags : Tags(c.Tags));
        return changed.Priority == view.Priority && changed.Category == view.Category && changed.Tags.SequenceEqual(view.Tags)
            ? Decision.Emit(now)
            : Decision.Emit(now, changed);
    }

    private Decision RecordReply(RecordCaseReply c)
    {
        if (state.Conversation.Any(m => m.Direction == "outbound" && m.MessageId == c.MessageId))
        {
            return Decision.Emit(now);
        }

        return state.Status == CaseStatus.Closed
            ? Decision.Refuse(CommandResult.Conflict(caseId, "A closed case takes no more replies."))
            : Decision.Emit(now, new CaseReplyRequested(c.MessageId, c.Channel, c.Text));
    }

    private Decision RecordReplySent(RecordCaseReplySent c) =>
        state.Conversation.Any(m => m.Direction == "outbound" && m.MessageId == c.MessageId && m.SentAt is null)
            ? Decision.Emit(now, new CaseReplySent(c.MessageId, c.SentAt))
            : Decision.Emit(now);

    private Decision Thread(ThreadCaseMessage c)
    {
        if (state.Conversation.Any(m => m.Direction == "inbound" && m.Channel == c.Channel && m.MessageId == c.ProviderMessageId))
        {
            return Decision.Emit(now);
        }

        return state.Status == CaseStatus.Closed
            ? Decision.Refuse(CommandResult.Conflict(caseId, "A closed case takes no more messages."))
            : Decision.Emit(now, new CaseMessageReceived(c.Channel, c.ProviderMessageId, c.Text, c.Subject, c.ReceivedAt));
    }

    private static void CheckEnum<T>(FieldErrors errors, string field, T? value)
        where T : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v))
        {
            errors.Add(field, $"Must be one of: {string.Join(", ", Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n)))}.");
        }
    }

    private static void CheckTags(FieldErrors errors, IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > CustomerFields.MaxTags)
        {
            errors.Add("tags", $"At most {CustomerFields.MaxTags} tags.");
        }

        for (var i = 0; i < tags.Count; i++)
        {
            if (!CustomerFields.IsValidTag(tags[i]))
            {
                errors.Add($"tags[{i}]", "Not a valid tag.");
            }
        }
    }

    private static IReadOnlyList<string> Tags(IReadOnlyList<string>? tags) => [.. (tags ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string Name(CaseStatus status) => status.ToString().ToLowerInvariant();

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
