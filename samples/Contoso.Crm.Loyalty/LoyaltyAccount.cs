namespace Contoso.Crm.Loyalty;

/// <summary>A customer's points as stored in the plugin's state.</summary>
/// <param name="Points">The balance.</param>
/// <param name="LastSequence">The customer's last event applied to the balance: a redelivered event is not counted twice.</param>
/// <param name="IsGold">True once the customer was tagged gold at the current balance level.</param>
internal sealed record LoyaltyAccount(long Points, long LastSequence, bool IsGold)
{
    public static LoyaltyAccount Empty { get; } = new(0, 0, false);
}
