using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Customers.Messages;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Customers;

/// <summary>
/// What a customer grain knows, built only by applying the customer's events in order: it can
/// always be rebuilt from the log. A snapshot of it (see <see cref="ToSnapshot"/>) lets an activation
/// replay only the events after the snapshot.
/// </summary>
public sealed partial class CustomerState
{
    private readonly Dictionary<string, JsonElement> _attributes = new(StringComparer.Ordinal);
    private readonly List<StageChange> _stageHistory = [];
    private readonly Dictionary<string, PlacedOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _revenue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenCaseView> _openCases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolvedCases = new(StringComparer.Ordinal);
    private readonly Dictionary<CaseKind, int> _caseCounts = [];
    private readonly Dictionary<string, ConsentView> _consent = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InsightView> _insights = new(StringComparer.Ordinal);
    private readonly HashSet<string> _interactionIds = new(StringComparer.Ordinal);

    /// <summary>Outbound and inbound messages, invalid addresses and channel identities.</summary>
    public CustomerMessages Messages { get; } = new();

    /// <summary>Sequence of the last event applied; 0 before registration.</summary>
    public long Version { get; private set; }

    /// <summary>True once the customer is registered.</summary>
    public bool IsRegistered => Version > 0;

    /// <summary>Person or organisation.</summary>
    public CustomerKind Kind { get; private set; }

    /// <summary>Given name.</summary>
    public string? FirstName { get; private set; }

    /// <summary>Family name.</summary>
    public string? LastName { get; private set; }

    /// <summary>Organisation name.</summary>
    public string? OrganisationName { get; private set; }

    /// <summary>Company of a person.</summary>
    public string? Company { get; private set; }

    /// <summary>Email addresses, primary first.</summary>
    public IReadOnlyList<string> Emails { get; private set; } = [];

    /// <summary>Phone numbers, primary first.</summary>
    public IReadOnlyList<string> Phones { get; private set; } = [];

    /// <summary>Custom attributes.</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes => _attributes;

    /// <summary>The lifecycle stage.</summary>
    public LifecycleStage Stage { get; private set; }

    /// <summary>When the customer entered its current stage.</summary>
    public DateTimeOffset StageEnteredAt { get; private set; }

    /// <summary>Orders not cancelled.</summary>
    public int OrderCount { get; private set; }

    /// <summary>When the first order was placed.</summary>
    public DateTimeOffset? FirstOrderAt { get; private set; }

    /// <summary>When the last order was placed.</summary>
    public DateTimeOffset? LastOrderAt { get; private set; }

    /// <summary>Interactions recorded.</summary>
    public int InteractionCount { get; private set; }

    /// <summary>When the last interaction happened.</summary>
    public DateTimeOffset? LastInteractionAt { get; private set; }

    /// <summary>Tags.</summary>
    public IReadOnlySet<string> Tags => _tags;

    /// <summary>Owner.</summary>
    public string? Owner { get; private set; }

    /// <summary>When the customer was registered.</summary>
    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>When the customer last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Revenue of orders not cancelled in one currency.</summary>
    public decimal RevenueIn(string currency) => _revenue.GetValueOrDefault(currency);

    /// <summary>The order with this id, if it was ever placed.</summary>
    public PlacedOrder? FindOrder(string orderId) => _orders.GetValueOrDefault(orderId);

    /// <summary>The open case with this id.</summary>
    public OpenCaseView? FindOpenCase(string caseId) => _openCases.GetValueOrDefault(caseId);

    /// <summary>True when a case with this id was opened, open or resolved.</summary>
    public bool HasCase(string caseId) => _openCases.ContainsKey(caseId) || _resolvedCases.Contains(caseId);

    /// <summary>True when an interaction with this id was recorded.</summary>
    public bool HasInteraction(string interactionId) => _interactionIds.Contains(interactionId);

    /// <summary>The consent on a channel, if ever stated.</summary>
    public ConsentView? ConsentOn(string channel) => _consent.GetValueOrDefault(channel);

    /// <summary>The insight with this name.</summary>
    public InsightView? FindInsight(string name) => _insights.GetValueOrDefault(name);

    /// <summary>The name to show.</summary>
    public string DisplayName => CustomerNames.Display(Kind, FirstName, LastName, OrganisationName);

    /// <summary>Applies the next event of the stream.</summary>
    /// <exception cref="InvalidOperationException">The event is not the next in sequence.</exception>
    public void Apply(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Sequence != Version + 1)
        {
            throw new InvalidOperationException(
                $"Customer '{envelope.CustomerId}' expected event {Version + 1} but got {envelope.Sequence}.");
        }

        var at = envelope.OccurredAt;
        var aboutMessages = Messages.Apply(envelope.Event, at);
        switch (envelope.Event)
        {
            case CustomerRegistered e:
                Kind = e.Kind;
                (FirstName, LastName, OrganisationName, Company) = (e.FirstName, e.LastName, e.OrganisationName, e.Company);
                (Emails, Phones) = (e.Emails, e.Phones);
                foreach (var (name, value) in e.Attributes)
                {
                    _attributes[name] = value;
                }

                (RegisteredAt, StageEnteredAt, Stage) = (at, at, LifecycleStage.Prospect);
                break;
            case ProfileUpdated e:
                FirstName = e.FirstName ?? FirstName;
                LastName = e.LastName ?? LastName;
                OrganisationName = e.OrganisationName ?? OrganisationName;
                Company = e.Company ?? Company;
                Emails = e.Emails ?? Emails;
                Phones = e.Phones ?? Phones;
                foreach (var (name, value) in e.Attributes ?? new Dictionary<string, JsonElement>())
                {
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        _attributes.Remove(name);
                    }
                    else
                    {
                        _attributes[name] = value;
                    }
                }

                break;
            case LifecycleStageChanged e:
                _stageHistory.Add(new StageChange(e.From, e.To, e.Reason, e.Rule, envelope.Actor, at));
                (Stage, StageEnteredAt) = (e.To, at);
                break;
            case InteractionRecorded e:
                _interactionIds.Add(e.InteractionId);
                InteractionCount++;
                LastInteractionAt = Max(LastInteractionAt, at);
                break;
            case OrderPlaced e:
                _orders[e.OrderId] = new PlacedOrder(e.OrderId, e.Amount, e.Currency, at, Cancelled: false);
                _revenue[e.Currency] = RevenueIn(e.Currency) + e.Amount;
                OrderCount++;
                FirstOrderAt = FirstOrderAt is { } first && first <= at ? first : at;
                LastOrderAt = Max(LastOrderAt, at);
                break;
            case OrderCancelled e:
                _orders[e.OrderId] = _orders[e.OrderId] with { Cancelled = true };
                _revenue[e.Currency] = RevenueIn(e.Currency) - e.Amount;
                OrderCount--;
                break;
            case CaseOpened e:
                _openCases[e.CaseId] = new OpenCaseView(e.CaseId, e.Kind, e.Priority, e.Subject, at);
                _caseCounts[e.Kind] = _caseCounts.GetValueOrDefault(e.Kind) + 1;
                break;
            case CaseResolved e:
                _openCases.Remove(e.CaseId);
                _resolvedCases.Add(e.CaseId);
                break;
            case CaseReopened e:
                _resolvedCases.Remove(e.CaseId);
                _openCases[e.CaseId] = new OpenCaseView(e.CaseId, e.Kind, e.Priority, e.Subject, at);
                break;
            case ConsentChanged e:
                _consent[e.Channel] = new ConsentView(e.Status, e.Source, at);
                break;
            case TagsChanged e:
                _tags.ExceptWith(e.Removed);
                _tags.UnionWith(e.Added);
                break;
            case OwnerAssigned e:
                Owner = e.Owner;
                break;
            case InsightUpdated e:
                _insights[e.Name] = new InsightView(e.Value, e.Label, e.Source, at);
                break;
            default:
                if (aboutMessages)
                {
                    break;
                }

                throw new NotSupportedException($"Event type '{envelope.Type}' is not handled by the customer state.");
        }

        Version = envelope.Sequence;
        UpdatedAt = envelope.RecordedAt > UpdatedAt ? envelope.RecordedAt : UpdatedAt;
    }

    /// <summary>An immutable copy for callers.</summary>
    public CustomerView ToView(string id) => new()
    {
        Id = id,
        Version = Version,
        Kind = Kind,
        DisplayName = DisplayName,
        FirstName = FirstName,
        LastName = LastName,
        OrganisationName = OrganisationName,
        Company = Company,
        Emails = Emails,
        Phones = Phones,
        Attributes = new Dictionary<string, JsonElement>(_attributes, StringComparer.Ordinal),
        Stage = Stage,
        StageHistory = [.. _stageHistory],
        OrderCount = OrderCount,
        Revenue = _revenue.Where(p => p.Value != 0m).ToDictionary(StringComparer.Ordinal),
        FirstOrderAt = FirstOrderAt,
        LastOrderAt = LastOrderAt,
        InteractionCount = InteractionCount,
        LastInteractionAt = LastInteractionAt,
        OpenCases = [.. _openCases.Values.OrderBy(c => c.OpenedAt)],
        CaseCounts = new Dictionary<CaseKind, int>(_caseCounts),
        Consent = new Dictionary<string, ConsentView>(_consent, StringComparer.Ordinal),
        Tags = [.. _tags],
        Owner = Owner,
        Insights = new Dictionary<string, InsightView>(_insights, StringComparer.Ordinal),
        RegisteredAt = RegisteredAt,
        UpdatedAt = UpdatedAt,
    };

    private static DateTimeOffset? Max(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } c && c >= candidate ? c : candidate;
}
