using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Counts a resolved service case as open again in the customer's summary (sent by the case's own grain when the case is reopened).</summary>
[GenerateSerializer, Immutable, Alias("crm.command.reopen-case")]
public sealed record ReopenCase(
    [property: Id(0)] string CaseId,
    [property: Id(1)] CaseKind Kind,
    [property: Id(2)] CasePriority Priority,
    [property: Id(3)] string Subject) : CustomerCommand;
