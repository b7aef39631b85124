namespace CrmPlatform.Host.Import;

/// <summary>
/// A valid row, ready to send: the customer, the commands in order, and the base of their
/// idempotency keys (<c>import:{kind}:{…}:{hash of the row}</c>), so the same row never writes twice.
/// </summary>
public sealed record PlannedRow(long Line, string CustomerId, string KeyBase, IReadOnlyList<PlannedCommand> Commands);
