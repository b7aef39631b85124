using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Validation;

namespace CrmPlatform.Host.Customers.Requests;

/// <summary>Assigns the customer to an owner (null to unassign).</summary>
public sealed record AssignOwnerRequest(string? Owner)
{
    /// <summary>The command, or null with the missing fields in <paramref name="errors"/>.</summary>
    public CustomerCommand? ToCommand(FieldErrors errors) => new AssignOwner(Owner);
}
