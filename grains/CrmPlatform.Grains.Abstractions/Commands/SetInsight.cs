namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Writes an analytics result onto the customer.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.set-insight")]
public sealed record SetInsight(
    [property: Id(0)] string Name,
    [property: Id(1)] double? Value,
    [property: Id(2)] string? Label,
    [property: Id(3)] string Source) : CustomerCommand;
