namespace CrmPlatform.Host.Channels;

/// <summary>The customer and message a provider's message id belongs to.</summary>
public sealed record SentMessageRef(string CustomerId, string MessageId);
