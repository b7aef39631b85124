using CrmPlatform.Plugins.Analytics.Descriptive;

namespace CrmPlatform.Plugins.Analytics.Features;

/// <summary>
/// Turns a feature-store entry into what the computations read: the models' <see cref="FeatureVector"/>
/// and the descriptive <see cref="CustomerFeatures"/>. Time-dependent features are measured to <c>asOf</c>.
/// </summary>
public static class FeatureVectors
{
    /// <summary>The model features (never the stage). A number the customer does not have (no order yet: no recency) is left out, which the models read as missing.</summary>
    public static FeatureVector ToVector(CustomerFeatureState state, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(state);
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["orders.count"] = state.Orders,
            ["monetary.total"] = (double)state.Revenue,
            ["orders.cancelled"] = state.CancelledOrders,
            ["tenure.days"] = Days(state.RegisteredAt, asOf) ?? 0,
            ["interactions.count"] = state.InboundInteractions + state.OutboundInteractions,
            ["interactions.inbound"] = state.InboundInteractions,
            ["interactions.outbound"] = state.OutboundInteractions,
            ["cases.count"] = state.Cases,
            ["cases.complaints"] = state.Complaints,
            ["cases.open"] = state.Cases - state.ResolvedCases,
        };
        Add(numbers, "recency.days", Days(state.LastOrderAt, asOf));
        Add(numbers, "contact.days", Days(state.LastContactAt, asOf));
        Add(numbers, "response.rate", state.OutboundInteractions == 0 ? null : Math.Min(1.0, (double)state.InboundInteractions / state.OutboundInteractions));
        Add(numbers, "satisfaction.mean", state.SatisfactionCount == 0 ? null : (double)state.SatisfactionSum / state.SatisfactionCount);
        foreach (var (channel, count) in state.InteractionsByChannel)
        {
            numbers["interactions.channel." + channel] = count;
        }

        foreach (var (name, value) in state.NumericAttributes)
        {
            numbers["attr." + name] = value;
        }

        numbers["products.count"] = state.Products.Count;
        var categories = state.CategoricalAttributes.ToDictionary(p => "attr." + p.Key, p => p.Value, StringComparer.Ordinal);
        return new FeatureVector(state.CustomerId, numbers, categories);
    }

    /// <summary>What the value-tier, RFM and lifetime-value computations need.</summary>
    public static CustomerFeatures ToCustomerFeatures(CustomerFeatureState state, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(state);
        var tenureStart = state.RegisteredAt ?? state.FirstOrderAt ?? asOf;
        if (state.FirstOrderAt is { } first && first < tenureStart)
        {
            tenureStart = first;
        }

        return new CustomerFeatures(
            state.CustomerId,
            tenureStart,
            state.FirstOrderAt,
            state.LastOrderAt,
            Math.Max(0, state.Orders - state.CancelledOrders),
            state.Revenue,
            state.InboundInteractions + state.OutboundInteractions,
            state.Cases);
    }

    private static double? Days(DateTimeOffset? from, DateTimeOffset asOf) =>
        from is { } at ? Math.Max(0, Math.Floor((asOf - at).TotalDays)) : null;

    private static void Add(Dictionary<string, double> numbers, string name, double? value)
    {
        if (value is { } v)
        {
            numbers[name] = v;
        }
    }
}
