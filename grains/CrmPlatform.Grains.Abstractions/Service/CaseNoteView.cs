namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>A note or comment on a case.</summary>
[GenerateSerializer, Immutable, Alias("crm.case-note-view")]
public sealed record CaseNoteView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] bool Internal,
    [property: Id(3)] string Author,
    [property: Id(4)] DateTimeOffset At);
