namespace CrmPlatform.Host.Channels;

/// <summary>
/// An inbound message whose sender matched more than one customer: never merged, never guessed.
/// An agent resolves it to one customer (the message is then recorded there).
/// </summary>
/// <param name="Channel">The channel.</param>
/// <param name="ProviderMessageId">The provider's id of the message.</param>
/// <param name="Candidates">The customers the sender matched.</param>
/// <param name="Sender">The sender as the channel knew them (identity, email, phone, name).</param>
/// <param name="MessageJson">The inbound message, as JSON, to record once resolved.</param>
/// <param name="FlaggedAt">When it was flagged.</param>
/// <param name="ResolvedTo">The customer an agent chose, or null while open.</param>
/// <param name="ResolvedBy">Who resolved it.</param>
/// <param name="ResolvedAt">When.</param>
public sealed record SenderFlag(
    string Channel,
    string ProviderMessageId,
    IReadOnlyList<string> Candidates,
    string Sender,
    string MessageJson,
    DateTimeOffset FlaggedAt,
    string? ResolvedTo = null,
    string? ResolvedBy = null,
    DateTimeOffset? ResolvedAt = null);
