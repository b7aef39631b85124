using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Plugins.Analytics.Features;

/// <summary>
/// One customer's entry in the feature store (<c>features/{customerId}</c> in the plugin's state): what its
/// events say, kept up to date as they arrive. The lifecycle stage (what churn models predict) is kept here,
/// beside the features, and never goes into the <see cref="FeatureVector"/>. Money is summed as it comes,
/// in whatever currency each order names.
/// </summary>
public sealed class CustomerFeatureState
{
    /// <summary>The state key prefix of every entry.</summary>
    public const string KeyPrefix = "features/";

    /// <summary>The customer.</summary>
    public string CustomerId { get; set; } = string.Empty;

    /// <summary>The sequence of the last event applied; an event at or below it is a redelivery and is skipped.</summary>
    public long LastSequence { get; set; }

    /// <summary>When the customer registered (the first event's time).</summary>
    public DateTimeOffset? RegisteredAt { get; set; }

    /// <summary>First order placed.</summary>
    public DateTimeOffset? FirstOrderAt { get; set; }

    /// <summary>Latest order placed.</summary>
    public DateTimeOffset? LastOrderAt { get; set; }

    /// <summary>Orders placed.</summary>
    public int Orders { get; set; }

    /// <summary>Orders cancelled.</summary>
    public int CancelledOrders { get; set; }

    /// <summary>Revenue of the orders placed, net of cancellations.</summary>
    public decimal Revenue { get; set; }

    /// <summary>The products (SKUs) the customer has ordered, each once, in the order first bought.</summary>
    public List<string> Products { get; set; } = [];

    /// <summary>Interactions by channel (<c>email</c>, <c>phone</c>…).</summary>
    public Dictionary<string, int> InteractionsByChannel { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Interactions the customer started (inbound).</summary>
    public int InboundInteractions { get; set; }

    /// <summary>Interactions the business started (outbound).</summary>
    public int OutboundInteractions { get; set; }

    /// <summary>The latest interaction, either way.</summary>
    public DateTimeOffset? LastContactAt { get; set; }

    /// <summary>Service cases opened.</summary>
    public int Cases { get; set; }

    /// <summary>Cases opened that were complaints.</summary>
    public int Complaints { get; set; }

    /// <summary>Cases resolved.</summary>
    public int ResolvedCases { get; set; }

    /// <summary>Sum of the satisfaction scores given when cases were resolved.</summary>
    public int SatisfactionSum { get; set; }

    /// <summary>Number of satisfaction scores given.</summary>
    public int SatisfactionCount { get; set; }

    /// <summary>Custom attributes that are numbers or booleans (as 0/1), by attribute name.</summary>
    public Dictionary<string, double> NumericAttributes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Custom attributes that are text, by attribute name.</summary>
    public Dictionary<string, string> CategoricalAttributes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The lifecycle stage: the label, never a feature.</summary>
    public LifecycleStage Stage { get; set; } = LifecycleStage.Prospect;

    /// <summary>Whether the customer ever reached Decline or Terminated: the churn label.</summary>
    public bool Churned { get; set; }

    /// <summary>The state key of a customer's entry.</summary>
    public static string KeyOf(string customerId) => KeyPrefix + customerId;
}
