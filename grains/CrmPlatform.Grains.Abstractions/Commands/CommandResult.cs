namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>The outcome of a command.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="FirstSequence">Sequence of the first event written (or replayed), 0 when none.</param>
/// <param name="LastSequence">Sequence of the last event written (or replayed), 0 when none.</param>
/// <param name="Detail">Why it was refused, in words.</param>
/// <param name="Errors">The failing fields and what is wrong with each.</param>
[GenerateSerializer, Immutable, Alias("crm.command-result")]
public sealed record CommandResult(
    [property: Id(0)] CommandStatus Status,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] long FirstSequence,
    [property: Id(3)] long LastSequence,
    [property: Id(4)] string? Detail,
    [property: Id(5)] IReadOnlyDictionary<string, string[]>? Errors)
{
    /// <summary>True when the command took effect now or earlier (accepted, replayed or unchanged).</summary>
    public bool Succeeded => Status is CommandStatus.Accepted or CommandStatus.Replayed or CommandStatus.Unchanged;

    /// <summary>A command that wrote the events with these sequences.</summary>
    public static CommandResult Accepted(string customerId, long first, long last) =>
        new(CommandStatus.Accepted, customerId, first, last, null, null);

    /// <summary>A command that changed nothing.</summary>
    public static CommandResult Unchanged(string customerId, long version) =>
        new(CommandStatus.Unchanged, customerId, version, version, null, null);

    /// <summary>A command with invalid fields.</summary>
    public static CommandResult Invalid(string customerId, IReadOnlyDictionary<string, string[]> errors) =>
        new(CommandStatus.Invalid, customerId, 0, 0, "One or more fields are invalid.", errors);

    /// <summary>A command that conflicts with the customer's state.</summary>
    public static CommandResult Conflict(string customerId, string detail) =>
        new(CommandStatus.Conflict, customerId, 0, 0, detail, null);

    /// <summary>A command a plugin's command hook refused.</summary>
    public static CommandResult Vetoed(string customerId, string detail) =>
        new(CommandStatus.Vetoed, customerId, 0, 0, detail, null);

    /// <summary>A command the contact rules refused, its refusal recorded as the events <paramref name="first"/>…<paramref name="last"/>; <paramref name="rule"/> names the rule.</summary>
    public static CommandResult Refused(string customerId, string rule, string detail, long first, long last) =>
        new(CommandStatus.Refused, customerId, first, last, detail, new Dictionary<string, string[]>(StringComparer.Ordinal) { [rule] = [detail] });

    /// <summary>A command whose idempotency key was already used for a different request.</summary>
    public static CommandResult KeyReused(string customerId, string detail) =>
        new(CommandStatus.KeyReused, customerId, 0, 0, detail, null);

    /// <summary>A command about something that does not exist.</summary>
    public static CommandResult NotFound(string customerId, string detail) =>
        new(CommandStatus.NotFound, customerId, 0, 0, detail, null);
}
