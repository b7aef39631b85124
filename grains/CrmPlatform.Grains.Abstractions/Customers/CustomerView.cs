using System.Text.Json;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Customers;

/// <summary>A customer as its grain knows it: descriptive data, summaries of what happened, stage, consent, tags, owner and insights.</summary>
[GenerateSerializer, Immutable, Alias("crm.customer-view")]
public sealed record CustomerView
{
    /// <summary>The customer id.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>Sequence of the last event applied: the customer's version.</summary>
    [Id(1)] public required long Version { get; init; }

    /// <summary>Person or organisation.</summary>
    [Id(2)] public required CustomerKind Kind { get; init; }

    /// <summary>The name to show: "First Last" for a person, the organisation name otherwise.</summary>
    [Id(3)] public required string DisplayName { get; init; }

    /// <summary>Given name of a person.</summary>
    [Id(4)] public string? FirstName { get; init; }

    /// <summary>Family name of a person.</summary>
    [Id(5)] public string? LastName { get; init; }

    /// <summary>Name of an organisation.</summary>
    [Id(6)] public string? OrganisationName { get; init; }

    /// <summary>The company a person works for.</summary>
    [Id(7)] public string? Company { get; init; }

    /// <summary>Email addresses, primary first.</summary>
    [Id(8)] public required IReadOnlyList<string> Emails { get; init; }

    /// <summary>Phone numbers, primary first.</summary>
    [Id(9)] public required IReadOnlyList<string> Phones { get; init; }

    /// <summary>Custom attributes by name.</summary>
    [Id(10)] public required IReadOnlyDictionary<string, JsonElement> Attributes { get; init; }

    /// <summary>The current lifecycle stage.</summary>
    [Id(11)] public required LifecycleStage Stage { get; init; }

    /// <summary>Every stage change, oldest first.</summary>
    [Id(12)] public required IReadOnlyList<StageChange> StageHistory { get; init; }

    /// <summary>Orders placed and not cancelled.</summary>
    [Id(13)] public required int OrderCount { get; init; }

    /// <summary>Revenue of orders not cancelled, per currency.</summary>
    [Id(14)] public required IReadOnlyDictionary<string, decimal> Revenue { get; init; }

    /// <summary>When the first order was placed.</summary>
    [Id(15)] public DateTimeOffset? FirstOrderAt { get; init; }

    /// <summary>When the last order was placed.</summary>
    [Id(16)] public DateTimeOffset? LastOrderAt { get; init; }

    /// <summary>Interactions recorded.</summary>
    [Id(17)] public required int InteractionCount { get; init; }

    /// <summary>When the last interaction happened.</summary>
    [Id(18)] public DateTimeOffset? LastInteractionAt { get; init; }

    /// <summary>Cases not yet resolved.</summary>
    [Id(19)] public required IReadOnlyList<OpenCaseView> OpenCases { get; init; }

    /// <summary>Cases ever opened, by kind.</summary>
    [Id(20)] public required IReadOnlyDictionary<CaseKind, int> CaseCounts { get; init; }

    /// <summary>Consent by channel.</summary>
    [Id(21)] public required IReadOnlyDictionary<string, ConsentView> Consent { get; init; }

    /// <summary>Tags, sorted.</summary>
    [Id(22)] public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Who is responsible for the customer.</summary>
    [Id(23)] public string? Owner { get; init; }

    /// <summary>Analytics results by insight name.</summary>
    [Id(24)] public required IReadOnlyDictionary<string, InsightView> Insights { get; init; }

    /// <summary>When the customer was registered.</summary>
    [Id(25)] public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>When the customer last changed.</summary>
    [Id(26)] public required DateTimeOffset UpdatedAt { get; init; }
}
