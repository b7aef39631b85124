namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Records a message the customer wrote on a channel; a provider message id already recorded changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.record-message-received")]
public sealed record RecordMessageReceived(
    [property: Id(0)] string Channel,
    [property: Id(1)] string ProviderMessageId,
    [property: Id(2)] string Text,
    [property: Id(3)] string? Subject,
    [property: Id(4)] string? SenderIdentity,
    [property: Id(5)] string? SenderEmail,
    [property: Id(6)] string? SenderPhone,
    [property: Id(7)] string? SenderName,
    [property: Id(8)] DateTimeOffset? ReceivedAt) : CustomerCommand;
