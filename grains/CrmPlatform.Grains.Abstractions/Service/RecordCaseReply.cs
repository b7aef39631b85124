namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>Records on the case a reply the customer's grain accepted for sending (<paramref name="MessageId"/> names the message).</summary>
[GenerateSerializer, Immutable, Alias("crm.case-command.record-reply")]
public sealed record RecordCaseReply([property: Id(0)] string MessageId, [property: Id(1)] string Channel, [property: Id(2)] string Text) : CaseCommand;

/// <summary>Records that a reply of the case was sent at <paramref name="SentAt"/>; unchanged when the case has no such reply or knows it as sent.</summary>
[GenerateSerializer, Immutable, Alias("crm.case-command.record-reply-sent")]
public sealed record RecordCaseReplySent([property: Id(0)] string MessageId, [property: Id(1)] DateTimeOffset SentAt) : CaseCommand;

/// <summary>Threads a message the customer wrote onto the case; unchanged when it is already there.</summary>
[GenerateSerializer, Immutable, Alias("crm.case-command.thread-message")]
public sealed record ThreadCaseMessage(
    [property: Id(0)] string Channel,
    [property: Id(1)] string ProviderMessageId,
    [property: Id(2)] string Text,
    [property: Id(3)] string? Subject,
    [property: Id(4)] DateTimeOffset ReceivedAt) : CaseCommand;
