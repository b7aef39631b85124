namespace CrmPlatform.Plugins.Analytics.Descriptive;

/// <summary>
/// What the descriptive computations need to know about one customer, as the feature store keeps it.
/// All money is in the tenant's base currency.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="TenureStart">When the relationship began (registration, or the first order if that came earlier).</param>
/// <param name="FirstOrderAt">When the customer's first order was placed; <see langword="null"/> if there is none.</param>
/// <param name="LastOrderAt">When the customer's latest order was placed; <see langword="null"/> if there is none.</param>
/// <param name="OrderCount">Orders placed and not cancelled; not negative.</param>
/// <param name="Monetary">Revenue from those orders, net of cancellations, in base currency.</param>
/// <param name="InteractionCount">Interactions recorded with the customer (calls, emails, chats…); not negative.</param>
/// <param name="CaseCount">Service cases opened for the customer; not negative.</param>
public sealed record CustomerFeatures(
    string CustomerId,
    DateTimeOffset TenureStart,
    DateTimeOffset? FirstOrderAt,
    DateTimeOffset? LastOrderAt,
    int OrderCount,
    decimal Monetary,
    int InteractionCount = 0,
    int CaseCount = 0);
