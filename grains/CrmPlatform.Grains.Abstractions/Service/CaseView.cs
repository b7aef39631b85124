using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>A case as it stands now, with its notes, its SLA targets and the history of who changed what.</summary>
[GenerateSerializer, Immutable, Alias("crm.case-view")]
public sealed record CaseView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string CustomerId { get; init; }
    [Id(2)] public required CaseKind Kind { get; init; }
    [Id(3)] public required CasePriority Priority { get; init; }
    [Id(4)] public required string Subject { get; init; }
    [Id(5)] public string? Description { get; init; }
    [Id(6)] public required CaseStatus Status { get; init; }
    [Id(7)] public string? Category { get; init; }
    [Id(8)] public required IReadOnlyList<string> Tags { get; init; }
    [Id(9)] public string? Queue { get; init; }
    [Id(10)] public string? Owner { get; init; }
    [Id(11)] public string? OpportunityId { get; init; }
    [Id(12)] public string? OrderId { get; init; }
    [Id(13)] public string? ProductId { get; init; }
    [Id(14)] public required DateTimeOffset OpenedAt { get; init; }
    [Id(15)] public DateTimeOffset? FirstRespondedAt { get; init; }
    [Id(16)] public DateTimeOffset? ResolvedAt { get; init; }
    [Id(17)] public DateTimeOffset? ClosedAt { get; init; }
    [Id(18)] public string? SlaPolicyId { get; init; }
    [Id(19)] public required IReadOnlyList<CaseSlaView> Sla { get; init; }
    [Id(20)] public required IReadOnlyList<CaseNoteView> Notes { get; init; }
    [Id(21)] public required IReadOnlyList<CaseHistoryEntry> History { get; init; }
    [Id(22)] public required long Version { get; init; }
    [Id(23)] public IReadOnlyList<CaseMessageView> Conversation { get; init; } = [];
}
