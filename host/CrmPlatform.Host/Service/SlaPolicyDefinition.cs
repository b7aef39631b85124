using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Service;

/// <summary>
/// An SLA policy: the priorities and customer value tiers it applies to (empty: any), its targets
/// in business minutes of its calendar (none: always open), and how far into a target the warning
/// fires, in percent. The most specific matching policy applies (tier and priority named beats one named, beats none).
/// </summary>
internal sealed record SlaPolicyDefinition(
    string? CalendarId,
    IReadOnlyList<CasePriority>? Priorities,
    IReadOnlyList<string>? Tiers,
    int? FirstResponseMinutes,
    int? ResolutionMinutes,
    int? WarnAtPercent);
