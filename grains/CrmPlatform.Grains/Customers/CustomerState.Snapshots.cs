using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Customers;

/// <summary>Taking a state apart into a snapshot and putting it back together.</summary>
public sealed partial class CustomerState
{
    /// <summary>
    /// Everything the state holds, as plain data. <see cref="FromSnapshot"/> of it gives a state that
    /// behaves exactly like this one, for the next event as for every query.
    /// </summary>
    public CustomerStateSnapshot ToSnapshot() => new()
    {
        Version = Version,
        Kind = Kind,
        FirstName = FirstName,
        LastName = LastName,
        OrganisationName = OrganisationName,
        Company = Company,
        Emails = [.. Emails],
        Phones = [.. Phones],
        Attributes = new Dictionary<string, JsonElement>(_attributes, StringComparer.Ordinal),
        Stage = Stage,
        StageEnteredAt = StageEnteredAt,
        StageHistory = [.. _stageHistory],
        Orders = [.. _orders.Values],
        Revenue = new Dictionary<string, decimal>(_revenue, StringComparer.Ordinal),
        OrderCount = OrderCount,
        FirstOrderAt = FirstOrderAt,
        LastOrderAt = LastOrderAt,
        OpenCases = [.. _openCases.Values],
        ResolvedCases = [.. _resolvedCases],
        CaseCounts = new Dictionary<CaseKind, int>(_caseCounts),
        Consent = new Dictionary<string, ConsentView>(_consent, StringComparer.Ordinal),
        Tags = [.. _tags],
        Owner = Owner,
        Insights = new Dictionary<string, InsightView>(_insights, StringComparer.Ordinal),
        InteractionIds = [.. _interactionIds],
        InteractionCount = InteractionCount,
        LastInteractionAt = LastInteractionAt,
        RegisteredAt = RegisteredAt,
        UpdatedAt = UpdatedAt,
        Messages = Messages.ToSnapshot(),
    };

    /// <summary>A state equal to the one <paramref name="snapshot"/> was taken of; its idempotency keys are the grain's business.</summary>
    /// <exception cref="ArgumentException">The snapshot is not of a registered customer.</exception>
    public static CustomerState FromSnapshot(CustomerStateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Version <= 0)
        {
            throw new ArgumentException($"A snapshot must be of a registered customer, not of version {snapshot.Version}.", nameof(snapshot));
        }

        var state = new CustomerState
        {
            Version = snapshot.Version,
            Kind = snapshot.Kind,
            FirstName = snapshot.FirstName,
            LastName = snapshot.LastName,
            OrganisationName = snapshot.OrganisationName,
            Company = snapshot.Company,
            Emails = [.. snapshot.Emails],
            Phones = [.. snapshot.Phones],
            Stage = snapshot.Stage,
            StageEnteredAt = snapshot.StageEnteredAt,
            OrderCount = snapshot.OrderCount,
            FirstOrderAt = snapshot.FirstOrderAt,
            LastOrderAt = snapshot.LastOrderAt,
            InteractionCount = snapshot.InteractionCount,
            LastInteractionAt = snapshot.LastInteractionAt,
            Owner = snapshot.Owner,
            RegisteredAt = snapshot.RegisteredAt,
            UpdatedAt = snapshot.UpdatedAt,
        };
        foreach (var (name, value) in snapshot.Attributes)
        {
            state._attributes.Add(name, value.Clone());
        }

        state._stageHistory.AddRange(snapshot.StageHistory);
        foreach (var order in snapshot.Orders)
        {
            state._orders.Add(order.OrderId, order);
        }

        foreach (var (currency, amount) in snapshot.Revenue)
        {
            state._revenue.Add(currency, amount);
        }

        foreach (var open in snapshot.OpenCases)
        {
            state._openCases.Add(open.CaseId, open);
        }

        state._resolvedCases.UnionWith(snapshot.ResolvedCases);
        foreach (var (kind, count) in snapshot.CaseCounts)
        {
            state._caseCounts.Add(kind, count);
        }

        foreach (var (channel, consent) in snapshot.Consent)
        {
            state._consent.Add(channel, consent);
        }

        state._tags.UnionWith(snapshot.Tags);
        foreach (var (name, insight) in snapshot.Insights)
        {
            state._insights.Add(name, insight);
        }

        state._interactionIds.UnionWith(snapshot.InteractionIds);
        state.Messages.Restore(snapshot.Messages);
        return state;
    }
}
