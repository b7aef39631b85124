namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Resolves an open service case.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.resolve-case")]
public sealed record ResolveCase(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string? Resolution,
    [property: Id(2)] int? Satisfaction) : CustomerCommand;
