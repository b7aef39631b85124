namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>Writes on a case: an internal note, or a public comment to the customer (a response for the SLA).</summary>
[GenerateSerializer, Immutable, Alias("crm.case-command.add-note")]
public sealed record AddCaseNote([property: Id(0)] string? Text, [property: Id(1)] bool Internal) : CaseCommand;
