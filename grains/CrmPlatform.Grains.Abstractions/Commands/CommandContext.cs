namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Who sent a command and how to recognise a retry of it.</summary>
/// <param name="Actor">Who caused it (for example <c>api-key:ab12</c>).</param>
/// <param name="CorrelationId">Ties together everything one request caused.</param>
/// <param name="IdempotencyKey">A retried command with the same key returns the first result and writes nothing.</param>
[GenerateSerializer, Immutable, Alias("crm.command-context")]
public sealed record CommandContext(
    [property: Id(0)] string Actor,
    [property: Id(1)] string? CorrelationId,
    [property: Id(2)] string? IdempotencyKey);
