namespace CrmPlatform.Host.Sales;

/// <summary>What a command on an opportunity did: <c>accepted</c> or <c>unchanged</c>, and the stream sequences it wrote.</summary>
internal sealed record OpportunityCommandResponse(string Id, string Status, long FirstSequence, long LastSequence);
