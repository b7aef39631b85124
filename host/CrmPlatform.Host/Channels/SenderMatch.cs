namespace CrmPlatform.Host.Channels;

/// <summary>Who an inbound sender is: one customer, several (ambiguous), or nobody known.</summary>
/// <param name="Candidates">The matching customers: one when resolved, several when ambiguous, none when unknown.</param>
/// <param name="By">What matched: <c>identity</c>, <c>email</c>, <c>phone</c>, or null.</param>
/// <param name="Phone">The sender's phone in E.164 form, when it had a valid one.</param>
public sealed record SenderMatch(IReadOnlyList<string> Candidates, string? By, string? Phone)
{
    /// <summary>The one customer, when resolved.</summary>
    public string? CustomerId => Candidates.Count == 1 ? Candidates[0] : null;
}
