namespace CrmPlatform.Sdk.Events;

/// <summary>
/// The kinds of stream in the log, as <see cref="EventEnvelope.StreamKind"/> names them. Each kind
/// is one kind of aggregate with its own writer; modules add theirs (case, opportunity, task,
/// campaign, rule) with the aggregates they bring.
/// </summary>
public static class StreamKinds
{
    /// <summary>A customer's own stream: its id is the customer id.</summary>
    public const string Customer = "customer";

    /// <summary>A sales opportunity's stream: its id is the opportunity id, its owner the account (customer).</summary>
    public const string Opportunity = "opportunity";

    /// <summary>A service case's stream: its id is the case id, its owner the customer who raised it.</summary>
    public const string Case = "case";
}
