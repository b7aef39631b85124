using CrmPlatform.Grains.Abstractions.Customers;

namespace CrmPlatform.Grains.Customers.Messages;

/// <summary>The message part of a customer's state, as plain data for snapshots.</summary>
public sealed record MessagesSnapshot
{
    /// <summary>The outbound messages.</summary>
    public IReadOnlyList<MessageView> Messages { get; init; } = [];

    /// <summary>Recent request times per channel.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>> Recent { get; init; } = new Dictionary<string, IReadOnlyList<DateTimeOffset>>();

    /// <summary>Addresses that bounced for good.</summary>
    public IReadOnlyList<string> InvalidAddresses { get; init; } = [];

    /// <summary>Inbound messages recorded, as <c>channel\nproviderMessageId</c>.</summary>
    public IReadOnlyList<string> Received { get; init; } = [];

    /// <summary>The customer's identity per channel.</summary>
    public IReadOnlyDictionary<string, string> Identities { get; init; } = new Dictionary<string, string>();
}
