using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>
/// Asks for a message to the customer on a channel. The caller looks the channel up among the
/// running channel plugins and passes what it found (<paramref name="AddressKind"/>,
/// <paramref name="MaxLength"/>), or null kind when no enabled channel has that name; the grain
/// checks everything else (consent, address, frequency caps, quiet hours) and records a refusal
/// as <c>MessageRefused</c>.
/// </summary>
/// <param name="MessageId">The message's id (the caller makes one per request).</param>
/// <param name="Channel">The channel's name.</param>
/// <param name="Text">The text, or null when a template is named.</param>
/// <param name="Template">The channel's template, or null when text is given.</param>
/// <param name="Variables">Values for the template's placeholders.</param>
/// <param name="AddressKind">How the channel addresses customers, or null when no enabled channel has this name.</param>
/// <param name="MaxLength">The channel's longest text, or null when unlimited.</param>
[GenerateSerializer, Immutable, Alias("crm.command.request-message")]
public sealed record RequestMessage(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string? Channel,
    [property: Id(2)] string? Text,
    [property: Id(3)] string? Template,
    [property: Id(4)] IReadOnlyDictionary<string, string>? Variables,
    [property: Id(5)] ChannelAddressKind? AddressKind,
    [property: Id(6)] int? MaxLength) : CustomerCommand;
