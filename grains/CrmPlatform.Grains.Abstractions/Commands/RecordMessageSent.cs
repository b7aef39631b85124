namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Records that the channel's provider accepted a requested message; a repeat for a message already sent changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.record-message-sent")]
public sealed record RecordMessageSent(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string ProviderMessageId) : CustomerCommand;
