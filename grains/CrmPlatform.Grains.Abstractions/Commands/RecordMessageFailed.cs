namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Records that a requested message will never go out (the channel refused it for good); a repeat changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.record-message-failed")]
public sealed record RecordMessageFailed(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string Reason) : CustomerCommand;
