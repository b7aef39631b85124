using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Customers.Requests;

/// <summary>Opens a service case; priority defaults to normal.</summary>
public sealed record OpenCaseRequest(string? CaseId, CaseKind? Kind, CasePriority? Priority, string? Subject, string? Description)
{
    /// <summary>The command, or null with the missing fields in <paramref name="errors"/>.</summary>
    public CustomerCommand? ToCommand(FieldErrors errors) => errors.Required("kind", Kind) is { } kind ? new OpenCase(CaseId, kind, Priority ?? CasePriority.Normal, Subject, Description) : null;
}
