using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>
/// Records a provider's receipt for a sent message, found by its provider message id: delivered,
/// bounced (a permanent bounce marks the address invalid) or failed. A repeat changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.command.record-receipt")]
public sealed record RecordReceipt(
    [property: Id(0)] string Channel,
    [property: Id(1)] string ProviderMessageId,
    [property: Id(2)] ReceiptStatus Status,
    [property: Id(3)] bool Permanent,
    [property: Id(4)] string? Reason) : CustomerCommand;
