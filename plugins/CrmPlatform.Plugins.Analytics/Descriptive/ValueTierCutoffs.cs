namespace CrmPlatform.Plugins.Analytics.Descriptive;

/// <summary>
/// Where the value tiers end, as cumulative shares of total revenue (0–1) counted from the top customer down.
/// </summary>
/// <remarks>
/// The defaults follow the 80/20 rule: the VIP and key customers together are the "vital few" who carry 80 % of
/// revenue, the VIPs alone the first half of it; ordinary customers bring revenue up to 95 %; the long tail is small.
/// </remarks>
/// <param name="Vip">End of the VIP band; greater than 0. Default 0.50.</param>
/// <param name="Key">End of the key band; at least <paramref name="Vip"/>. Default 0.80.</param>
/// <param name="Ordinary">End of the ordinary band; at least <paramref name="Key"/> and at most 1. Default 0.95.</param>
public sealed record ValueTierCutoffs(decimal Vip = 0.50m, decimal Key = 0.80m, decimal Ordinary = 0.95m)
{
    /// <summary>The documented defaults: 50 %, 80 %, 95 %.</summary>
    public static ValueTierCutoffs Default { get; } = new();

    /// <summary>Throws unless 0 &lt; <see cref="Vip"/> ≤ <see cref="Key"/> ≤ <see cref="Ordinary"/> ≤ 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The cut-offs are out of order or out of range.</exception>
    public void Validate()
    {
        if (Vip <= 0m || Vip > Key || Key > Ordinary || Ordinary > 1m)
        {
            throw new ArgumentOutOfRangeException(
                nameof(ValueTierCutoffs),
                this,
                "Value tier cut-offs must satisfy 0 < Vip <= Key <= Ordinary <= 1.");
        }
    }

    /// <summary>The tier of a customer whose revenue slice starts at <paramref name="cumulativeShareBefore"/>.</summary>
    internal ValueTier TierStartingAt(decimal cumulativeShareBefore) =>
        cumulativeShareBefore < Vip ? ValueTier.Vip
        : cumulativeShareBefore < Key ? ValueTier.Key
        : cumulativeShareBefore < Ordinary ? ValueTier.Ordinary
        : ValueTier.Small;
}
