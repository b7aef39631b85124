using CrmPlatform.Grains.Abstractions.Service;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Host.Service;

/// <summary>The body of <c>POST /api/cases</c>; missing members are reported by name.</summary>
internal sealed record OpenCaseBody(
    string? Id, string? CustomerId, CaseKind? Kind, CasePriority? Priority, string? Subject, string? Description, string? Category,
    IReadOnlyList<string>? Tags, string? Queue, string? Owner, string? OpportunityId, string? OrderId, string? ProductId)
{
    public OpenServiceCase ToCommand() => new(CustomerId, Kind, Priority, Subject, Description, Category, Tags?.ToArray(), Queue, Owner, OpportunityId, OrderId, ProductId);
}

/// <summary>The body of <c>POST /api/cases/{id}/status</c>: the status to move to, and why (the resolution when resolving).</summary>
internal sealed record CaseStatusBody(CaseStatus? To, string? Reason);

/// <summary>The body of <c>POST /api/cases/{id}/assign</c>: a queue, an agent, or a queue alone to let its strategy choose.</summary>
internal sealed record AssignCaseBody(string? Queue, string? Owner);

/// <summary>The body of <c>POST /api/cases/{id}/notes</c>: an internal note, or a public comment to the customer.</summary>
internal sealed record CaseNoteBody(string? Text, bool? Internal);

/// <summary>The body of <c>PATCH /api/cases/{id}</c>: the priority, category or tags to change.</summary>
internal sealed record ClassifyCaseBody(CasePriority? Priority, string? Category, IReadOnlyList<string>? Tags);

/// <summary>What a command on a case did: <c>accepted</c> or <c>unchanged</c>, and the stream sequences it wrote.</summary>
internal sealed record CaseCommandResponse(string Id, string Status, long FirstSequence, long LastSequence);
