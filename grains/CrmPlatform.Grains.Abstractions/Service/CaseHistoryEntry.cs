namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>One change to a case: when, who (the actor of the command, or <c>system</c> for timers) and what, as the event's type name.</summary>
[GenerateSerializer, Immutable, Alias("crm.case-history-entry")]
public sealed record CaseHistoryEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Change);
