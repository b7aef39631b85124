namespace CrmPlatform.Sdk.Crm;

/// <summary>The outcome of a write through <see cref="ICrm"/>.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Version">The customer's version after the write (0 when refused).</param>
/// <param name="Detail">Why it was refused, in words.</param>
public sealed record CrmResult(CrmStatus Status, long Version, string? Detail)
{
    /// <summary>True when the write took effect, now or before.</summary>
    public bool Succeeded => Status is CrmStatus.Accepted or CrmStatus.Replayed or CrmStatus.Unchanged;
}
