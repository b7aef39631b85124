using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Customers.Requests;

/// <summary>Moves the customer to another lifecycle stage; the reason is required.</summary>
public sealed record ChangeStageRequest(LifecycleStage? To, string? Reason)
{
    /// <summary>The command, or null with the missing fields in <paramref name="errors"/>.</summary>
    public CustomerCommand? ToCommand(FieldErrors errors) => errors.Required("to", To) is { } to ? new ChangeStage(to, Reason) : null;
}
