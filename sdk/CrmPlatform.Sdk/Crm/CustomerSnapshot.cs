using System.Text.Json;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Crm;

/// <summary>A customer as it stood when read: what plugins may know about it.</summary>
public sealed record CustomerSnapshot
{
    /// <summary>The customer id.</summary>
    public required string Id { get; init; }

    /// <summary>Sequence of the last event applied.</summary>
    public required long Version { get; init; }

    /// <summary>Person or organisation.</summary>
    public required CustomerKind Kind { get; init; }

    /// <summary>The name to show.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Email addresses, primary first.</summary>
    public required IReadOnlyList<string> Emails { get; init; }

    /// <summary>Phone numbers, primary first.</summary>
    public required IReadOnlyList<string> Phones { get; init; }

    /// <summary>Custom attributes by name.</summary>
    public required IReadOnlyDictionary<string, JsonElement> Attributes { get; init; }

    /// <summary>The current lifecycle stage.</summary>
    public required LifecycleStage Stage { get; init; }

    /// <summary>Orders placed and not cancelled.</summary>
    public required int OrderCount { get; init; }

    /// <summary>Revenue of orders not cancelled, per currency.</summary>
    public required IReadOnlyDictionary<string, decimal> Revenue { get; init; }

    /// <summary>When the last order was placed.</summary>
    public DateTimeOffset? LastOrderAt { get; init; }

    /// <summary>Consent by channel: true when granted.</summary>
    public required IReadOnlyDictionary<string, bool> Consent { get; init; }

    /// <summary>Tags, sorted.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Insights by name.</summary>
    public required IReadOnlyDictionary<string, InsightValue> Insights { get; init; }

    /// <summary>When the customer was registered.</summary>
    public required DateTimeOffset RegisteredAt { get; init; }
}
