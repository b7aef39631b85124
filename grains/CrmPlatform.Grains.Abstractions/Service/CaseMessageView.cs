namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>
/// One message of a case's conversation with the customer: an agent's reply (<c>outbound</c>,
/// with its message id and, once the provider accepted it, when it was sent) or a message the
/// customer wrote (<c>inbound</c>, with the provider's id).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.case-message-view")]
public sealed record CaseMessageView(
    [property: Id(0)] string Direction,
    [property: Id(1)] string Channel,
    [property: Id(2)] string MessageId,
    [property: Id(3)] string Text,
    [property: Id(4)] string? Subject,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] DateTimeOffset? SentAt);
