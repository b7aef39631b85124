namespace CrmPlatform.Host.Customers;

/// <summary>What a command did: the customer and the sequences of the events it wrote.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Status"><c>accepted</c> (events written) or <c>unchanged</c> (nothing to write).</param>
/// <param name="FirstSequence">The first event's sequence in the customer's stream.</param>
/// <param name="LastSequence">The last event's sequence.</param>
public sealed record CommandResponse(string CustomerId, string Status, long FirstSequence, long LastSequence);
