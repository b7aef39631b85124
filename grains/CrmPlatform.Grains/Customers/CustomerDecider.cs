using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Messages;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Grains.Lifecycle;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Customers;

/// <summary>
/// Decides what a command means for a customer: validates it against the customer's state and
/// returns the events to write. Pure: no I/O, the time is passed in.
/// </summary>
public sealed class CustomerDecider(string customerId, CustomerState state, DateTimeOffset now, CustomerOptions options)
{
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Decides one command.</summary>
    public Decision Decide(CustomerCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is RegisterCustomer register)
        {
            return Register(register);
        }

        if (!state.IsRegistered)
        {
            return Decision.Refuse(CommandResult.NotFound(customerId, $"Customer '{customerId}' does not exist."));
        }

        return command switch
        {
            UpdateProfile c => UpdateProfile(c),
            ChangeStage c => ChangeStage(c),
            RecordInteraction c => RecordInteraction(c),
            PlaceOrder c => new OrderDecisions(customerId, state, now, options).Place(c),
            CancelOrder c => new OrderDecisions(customerId, state, now, options).Cancel(c),
            OpenCase c => OpenCase(c),
            ResolveCase c => ResolveCase(c),
            ReopenCase c => ReopenCase(c),
            SetConsent c => SetConsent(c),
            ChangeTags c => ChangeTags(c),
            AssignOwner c => AssignOwner(c),
            SetInsight c => SetInsight(c),
            RequestMessage c => Messages.Request(c),
            RecordMessageSent c => Messages.Sent(c),
            RecordMessageFailed c => Messages.Failed(c),
            RecordReceipt c => Messages.Receipt(c),
            RecordMessageReceived c => Messages.Received(c),
            _ => throw new NotSupportedException($"Command '{command.GetType().Name}' is not handled."),
        };
    }

    private MessageDecisions Messages => new(customerId, state, now, options.Messaging);

    private Decision Register(RegisterCustomer c)
    {
        if (state.IsRegistered)
        {
            return Decision.Refuse(CommandResult.Conflict(customerId, $"Customer '{customerId}' is already registered."));
        }

        var errors = new FieldErrors();
        CheckNames(errors, c.Kind, c.FirstName, c.LastName, c.OrganisationName, c.Company, registering: true);
        CustomerFields.Emails(errors, "emails", c.Emails);
        var phones = CustomerFields.Phones(errors, "phones", c.Phones, options.DefaultPhoneRegion);
        AttributeValidator.Validate(errors, c.Attributes, options.Attributes, allowRemoval: false);
        CustomerFields.Text(errors, "source", c.Source, 100);
        if (!Enum.IsDefined(c.Kind))
        {
            errors.Add("kind", "Must be 'person' or 'organisation'.");
        }

        return Invalid(errors) ?? Decision.Emit(now, new CustomerRegistered(
            c.Kind, Trim(c.FirstName), Trim(c.LastName), Trim(c.OrganisationName), Trim(c.Company),
            c.Emails ?? [], phones ?? [], c.Attributes ?? new Dictionary<string, System.Text.Json.JsonElement>(), Trim(c.Source)));
    }

    private Decision UpdateProfile(UpdateProfile c)
    {
        var errors = new FieldErrors();
        CheckNames(errors, state.Kind, c.FirstName, c.LastName, c.OrganisationName, c.Company, registering: false);
        CustomerFields.Emails(errors, "emails", c.Emails);
        var phones = CustomerFields.Phones(errors, "phones", c.Phones, options.DefaultPhoneRegion);
        AttributeValidator.Validate(errors, c.Attributes, options.Attributes, allowRemoval: true);
        if (Invalid(errors) is { } refusal)
        {
            return refusal;
        }

        var changed = new ProfileUpdated(
            Changed(Trim(c.FirstName), state.FirstName),
            Changed(Trim(c.LastName), state.LastName),
            Changed(Trim(c.OrganisationName), state.OrganisationName),
            Changed(Trim(c.Company), state.Company),
            c.Emails is { } emails && !emails.SequenceEqual(state.Emails) ? emails : null,
            phones is not null && !phones.SequenceEqual(state.Phones) ? phones : null,
            c.Attributes is { Count: > 0 } attributes ? attributes : null);
        return changed == new ProfileUpdated(null, null, null, null, null, null, null)
            ? Decision.Emit(now)
            : Decision.Emit(now, changed);
    }

    private Decision ChangeStage(ChangeStage c)
    {
        var errors = new FieldErrors();
        if (!Enum.IsDefined(c.To))
        {
            errors.Add("to", "Not a lifecycle stage.");
        }

        CustomerFields.Text(errors, "reason", c.Reason, 500, required: true);
        if (Invalid(errors) is { } refusal)
        {
            return refusal;
        }

        if (c.To == state.Stage)
        {
            return Decision.Emit(now);
        }

        if (!LifecycleTransitions.IsAllowed(state.Stage, c.To))
        {
            var allowed = string.Join(", ", LifecycleTransitions.From(state.Stage).Order().Select(StageName));
            return Decision.Refuse(CommandResult.Conflict(
                customerId, $"A customer in {StageName(state.Stage)} cannot move to {StageName(c.To)}. Allowed: {allowed}."));
        }

        return Decision.Emit(now, new LifecycleStageChanged(state.Stage, c.To, c.Reason!.Trim(), Rule: null));
    }

    private Decision RecordInteraction(RecordInteraction c)
    {
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "interactionId", c.InteractionId, required: false);
        CustomerFields.Channel(errors, "channel", c.Channel);
        if (!Enum.IsDefined(c.Direction))
        {
            errors.Add("direction", "Must be 'inbound' or 'outbound'.");
        }

        CustomerFields.Text(errors, "subject", c.Subject, CustomerFields.MaxSubjectLength);
        CustomerFields.Text(errors, "summary", c.Summary, CustomerFields.MaxTextLength);
        CheckNotFuture(errors, "occurredAt", c.OccurredAt);
        if (Invalid(errors) is { } refusal)
        {
            return refusal;
        }

        var id = c.InteractionId ?? $"i{state.Version + 1}";
        return state.HasInteraction(id)
            ? Decision.Refuse(CommandResult.Conflict(customerId, $"Interaction '{id}' is already recorded."))
            : Decision.Emit(c.OccurredAt ?? now, new InteractionRecorded(id, c.Channel!, c.Direction, Trim(c.Subject), Trim(c.Summary)));
    }

    private Decision OpenCase(OpenCase c)
    {
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "caseId", c.CaseId, required: false);
        if (!Enum.IsDefined(c.Kind))
        {
            errors.Add("kind", "Must be 'complaint', 'consultation' or 'serviceRequest'.");
        }

        if (!Enum.IsDefined(c.Priority))
        {
            errors.Add("priority", "Must be 'low', 'normal', 'high' or 'urgent'.");
        }

        CustomerFields.Text(errors, "subject", c.Subject, CustomerFields.MaxSubjectLength, required: true);
        CustomerFields.Text(errors, "description", c.Description, CustomerFields.MaxTextLength);
        if (Invalid(errors) is { } refusal)
        {
            return refusal;
        }

        var id = c.CaseId ?? $"case-{state.Version + 1}";
        return state.HasCase(id)
            ? Decision.Refuse(CommandResult.Conflict(customerId, $"Case '{id}' already exists."))
            : Decision.Emit(now, new CaseOpened(id, c.Kind, c.Priority, c.Subject!.Trim(), Trim(c.Description)));
    }

    private Decision ResolveCase(ResolveCase c)
    {
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "caseId", c.CaseId);
        CustomerFields.Text(errors, "resolution", c.Resolution, CustomerFields.MaxTextLength, required: true);
        if (c.Satisfaction is < 1 or > 5)
        {
            errors.Add("satisfaction", "Must be from 1 to 5.");
        }

        if (Invalid(errors) is { } refusal)
        {
            return refusal;
        }

        if (state.FindOpenCase(c.CaseId) is not { } open)
        {
            return state.HasCase(c.CaseId)
                ? Decision.Refuse(CommandResult.Conflict(customerId, $"Case '{c.CaseId}' is already resolved."))
                : Decision.Refuse(CommandResult.NotFound(customerId, $"Case '{c.CaseId}' does not exist."));
        }

        return Decision.Emit(now, new CaseResolved(c.CaseId, open.Kind, c.Resolution!.Trim(), c.Satisfaction));
    }

    private Decision ReopenCase(ReopenCase c)
    {
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "caseId", c.CaseId);
        CustomerFields.Text(errors, "subject", c.Subject, CustomerFields.MaxTextLength, required: true);
        if (Invalid(errors) is { } refusal)
        {
            return refusal;
        }

        if (state.FindOpenCase(c.CaseId) is not null)
        {
            return Decision.Refuse(CommandResult.Conflict(customerId, $"Case '{c.CaseId}' is open."));
        }

        return state.HasCase(c.CaseId)
            ? Decision.Emit(now, new CaseReopened(c.CaseId, c.Kind, c.Priority, c.Subject.Trim()))
            : Decision.Refuse(CommandResult.NotFound(customerId, $"Case '{c.CaseId}' does not exist."));
    }

    private Decision SetConsent(SetConsent c)
    {
        var errors = new FieldErrors();
        CustomerFields.Channel(errors, "channel", c.Channel);
        if (c.Status is not (ConsentStatus.Granted or ConsentStatus.Withdrawn))
        {
            errors.Add("status", "Must be 'granted' or 'withdrawn'.");
        }

        CustomerFields.Text(errors, "source", c.Source, 500, required: true);
        if (Invalid(errors) is { } refusal)
        {
            return refusal;
        }

        return Decision.Emit(now, new ConsentChanged(c.Channel, c.Status, c.Source!.Trim()));
    }

    private Decision ChangeTags(ChangeTags c)
    {
        var errors = new FieldErrors();
        CheckTags(errors, "add", c.Add);
        CheckTags(errors, "remove", c.Remove);
        if (Invalid(errors) is { } refusal)
        {
            return refusal;
        }

        var added = (c.Add ?? []).Distinct(StringComparer.Ordinal).Where(t => !state.Tags.Contains(t)).ToArray();
        var removed = (c.Remove ?? []).Distinct(StringComparer.Ordinal).Where(state.Tags.Contains).Except(added).ToArray();
        if (state.Tags.Count + added.Length - removed.Length > CustomerFields.MaxTags)
        {
            errors.Add("add", $"A customer has at most {CustomerFields.MaxTags} tags.");
            return Invalid(errors)!;
        }

        return added.Length + removed.Length == 0 ? Decision.Emit(now) : Decision.Emit(now, new TagsChanged(added, removed));
    }

    private Decision AssignOwner(AssignOwner c)
    {
        var errors = new FieldErrors();
        CustomerFields.Text(errors, "owner", c.Owner, CustomerFields.MaxNameLength);
        return Invalid(errors)
            ?? (string.Equals(Trim(c.Owner), state.Owner, StringComparison.Ordinal)
                ? Decision.Emit(now)
                : Decision.Emit(now, new OwnerAssigned(Trim(c.Owner), state.Owner)));
    }

    private Decision SetInsight(SetInsight c)
    {
        var errors = new FieldErrors();
        CustomerFields.Channel(errors, "name", c.Name);
        CustomerFields.Text(errors, "label", c.Label, 100);
        CustomerFields.Text(errors, "source", c.Source, 100, required: true);
        if (c.Value is { } value && !double.IsFinite(value))
        {
            errors.Add("value", "Must be a finite number.");
        }

        if (c.Value is null && c.Label is null)
        {
            errors.Add("value", "An insight needs a value, a label or both.");
        }

        if (Invalid(errors) is { } refusal)
        {
            return refusal;
        }

        var current = state.FindInsight(c.Name);
        return current is not null && current.Value == c.Value && current.Label == c.Label && current.Source == c.Source
            ? Decision.Emit(now)
            : Decision.Emit(now, new InsightUpdated(c.Name, c.Value, c.Label, c.Source));
    }

    private static void CheckNames(
        FieldErrors errors, CustomerKind kind, string? firstName, string? lastName, string? organisationName, string? company, bool registering)
    {
        CustomerFields.Text(errors, "firstName", firstName, CustomerFields.MaxNameLength);
        CustomerFields.Text(errors, "lastName", lastName, CustomerFields.MaxNameLength);
        CustomerFields.Text(errors, "organisationName", organisationName, CustomerFields.MaxNameLength);
        CustomerFields.Text(errors, "company", company, CustomerFields.MaxNameLength);
        if (!registering)
        {
            return;
        }

        if (kind == CustomerKind.Organisation && string.IsNullOrWhiteSpace(organisationName))
        {
            errors.Add("organisationName", "Required for an organisation.");
        }

        if (kind == CustomerKind.Person && string.IsNullOrWhiteSpace(firstName) && string.IsNullOrWhiteSpace(lastName))
        {
            errors.Add("lastName", "A person needs a first or last name.");
        }
    }

    private static void CheckTags(FieldErrors errors, string field, IReadOnlyList<string>? tags)
    {
        for (var i = 0; i < (tags?.Count ?? 0); i++)
        {
            if (!CustomerFields.IsValidTag(tags![i]))
            {
                errors.Add($"{field}[{i}]", "A tag is 1–64 letters, digits, spaces or . _ : - starting with a letter or digit.");
            }
        }
    }

    private void CheckNotFuture(FieldErrors errors, string field, DateTimeOffset? at)
    {
        if (at > now + FutureTolerance)
        {
            errors.Add(field, "Must not be in the future.");
        }
    }

    private Decision? Invalid(FieldErrors errors) =>
        errors.IsEmpty ? null : Decision.Refuse(CommandResult.Invalid(customerId, errors.ToDictionary()));

    private static string? Changed(string? proposed, string? current) =>
        proposed is not null && !string.Equals(proposed, current, StringComparison.Ordinal) ? proposed : null;

    /// <summary>A stage as the API spells it (camelCase).</summary>
    private static string StageName(LifecycleStage stage) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(stage.ToString());

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
