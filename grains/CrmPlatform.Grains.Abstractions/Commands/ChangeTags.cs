namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Adds and removes tags.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.change-tags")]
public sealed record ChangeTags(
    [property: Id(0)] IReadOnlyList<string>? Add,
    [property: Id(1)] IReadOnlyList<string>? Remove) : CustomerCommand;
