using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Customers;

/// <summary>What a command decided: the events to write (possibly none), or why it was refused.</summary>
public sealed record Decision(IReadOnlyList<ICustomerEvent> Events, DateTimeOffset OccurredAt, CommandResult? Refusal)
{
    /// <summary>Write these events, which happened at <paramref name="occurredAt"/>.</summary>
    public static Decision Emit(DateTimeOffset occurredAt, params IEnumerable<ICustomerEvent> events) =>
        new([.. events], occurredAt, null);

    /// <summary>Refuse the command, but record <paramref name="events"/> (a refusal the business must see, such as a refused message).</summary>
    public static Decision Record(CommandResult refusal, DateTimeOffset occurredAt, params IEnumerable<ICustomerEvent> events) =>
        new([.. events], occurredAt, refusal);

    /// <summary>Refuse the command.</summary>
    public static Decision Refuse(CommandResult refusal) => new([], default, refusal);
}
