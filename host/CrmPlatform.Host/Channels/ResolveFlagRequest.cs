namespace CrmPlatform.Host.Channels;

/// <summary>The customer an agent decided an ambiguous sender is.</summary>
/// <param name="CustomerId">One of the flag's candidates.</param>
public sealed record ResolveFlagRequest(string? CustomerId);
