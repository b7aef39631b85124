using CrmPlatform.Plugins.Analytics.Descriptive;
using static CrmPlatform.Plugins.Analytics.Tests.TestCustomers;

namespace CrmPlatform.Plugins.Analytics.Tests;

public sealed class ValueTiersTests
{
    // Five customers, revenue 500, 300, 100, 60, 40: total 1000.
    //
    //   rank id  revenue share  cumulative before  cumulative  tier (default cut-offs 50 / 80 / 95 %)
    //   1    a   500     0.50   0.00               0.50        VIP       (0.00 < 0.50)
    //   2    b   300     0.30   0.50               0.80        Key       (0.50 is not < 0.50; 0.50 < 0.80)
    //   3    c   100     0.10   0.80               0.90        Ordinary  (0.80 is not < 0.80; 0.80 < 0.95)
    //   4    d    60     0.06   0.90               0.96        Ordinary  (0.90 < 0.95)
    //   5    e    40     0.04   0.96               1.00        Small     (0.96 is not < 0.95)
    private static CustomerFeatures[] FiveCustomers() =>
    [
        // Deliberately not in rank order.
        WithRevenue("c", 100m),
        WithRevenue("e", 40m),
        WithRevenue("a", 500m),
        WithRevenue("d", 60m),
        WithRevenue("b", 300m),
    ];

    [Fact]
    public void Assign_FiveCustomers_MatchesHandComputation()
    {
        var result = ValueTiers.Assign(FiveCustomers());

        Assert.Equal(
            [
                new ValueTierAssignment("a", 1, 500m, 0.50m, 0.00m, 0.50m, ValueTier.Vip),
                new ValueTierAssignment("b", 2, 300m, 0.30m, 0.50m, 0.80m, ValueTier.Key),
                new ValueTierAssignment("c", 3, 100m, 0.10m, 0.80m, 0.90m, ValueTier.Ordinary),
                new ValueTierAssignment("d", 4, 60m, 0.06m, 0.90m, 0.96m, ValueTier.Ordinary),
                new ValueTierAssignment("e", 5, 40m, 0.04m, 0.96m, 1.00m, ValueTier.Small),
            ],
            result);
    }

    [Fact]
    public void Assign_FiveCustomersWithCutoffs20_50_80_StraddlingCustomerTakesTheHigherTier()
    {
        // a's slice runs from 0 to 0.50, straddling both the 0.20 and the 0.50 cut-off: it starts below 0.20, so VIP.
        // b starts at 0.50: not < 0.20, not < 0.50, < 0.80 → Ordinary; no one is Key.
        // c starts at 0.80: not < 0.80 → Small; so are d (0.90) and e (0.96).
        var result = ValueTiers.Assign(FiveCustomers(), new ValueTierCutoffs(0.20m, 0.50m, 0.80m));

        Assert.Equal(
            [ValueTier.Vip, ValueTier.Ordinary, ValueTier.Small, ValueTier.Small, ValueTier.Small],
            result.Select(r => r.Tier));
    }

    [Fact]
    public void ParetoCurve_FiveCustomers_MatchesHandComputation()
    {
        // Top 20 % of customers (a) carry 50 % of revenue; top 40 % (a, b) carry 80 %: the 80/20 rule, roughly.
        var curve = ValueTiers.ParetoCurve(FiveCustomers());

        Assert.Equal(
            [
                new ParetoPoint(0m, 0m),
                new ParetoPoint(0.2m, 0.50m),
                new ParetoPoint(0.4m, 0.80m),
                new ParetoPoint(0.6m, 0.90m),
                new ParetoPoint(0.8m, 0.96m),
                new ParetoPoint(1m, 1m),
            ],
            curve);
    }

    [Fact]
    public void Assign_TiesAcrossACutoff_RankByIdAndShareTheTier()
    {
        // z 300, a/b/c 100 each: total 600. z starts at 0 → VIP.
        // a, b, c all start where the customers with strictly more revenue end: 300 / 600 = 0.50 → Key, all three,
        // although their running cumulative shares are 4/6, 5/6 and 6/6 (c alone would be past 0.80).
        // Ranks among the tie follow the customer id: a 2, b 3, c 4.
        var result = ValueTiers.Assign(
            [WithRevenue("c", 100m), WithRevenue("a", 100m), WithRevenue("z", 300m), WithRevenue("b", 100m)]);

        Assert.Equal(["z", "a", "b", "c"], result.Select(r => r.CustomerId));
        Assert.Equal([1, 2, 3, 4], result.Select(r => r.Rank));
        Assert.Equal([ValueTier.Vip, ValueTier.Key, ValueTier.Key, ValueTier.Key], result.Select(r => r.Tier));
        Assert.Equal([0m, 0.5m, 0.5m, 0.5m], result.Select(r => r.CumulativeShareBefore));
        Assert.Equal(1m, result[^1].CumulativeShare);
    }

    [Fact]
    public void Assign_EmptyPopulation_IsEmpty()
    {
        Assert.Empty(ValueTiers.Assign([]));
        Assert.Empty(ValueTiers.ParetoCurve([]));
    }

    [Fact]
    public void Assign_SingleCustomer_IsVipWithTheWholeRevenue()
    {
        var result = Assert.Single(ValueTiers.Assign([WithRevenue("only", 250m)]));

        Assert.Equal(new ValueTierAssignment("only", 1, 250m, 1m, 0m, 1m, ValueTier.Vip), result);
        Assert.Equal([new ParetoPoint(0m, 0m), new ParetoPoint(1m, 1m)], ValueTiers.ParetoCurve([WithRevenue("only", 250m)]));
    }

    [Fact]
    public void Assign_AllEqual_EveryoneIsVipAndTheCurveIsTheDiagonal()
    {
        // Four customers at 25 each: everyone starts at share 0 (nobody has strictly more) → all VIP.
        CustomerFeatures[] customers = [WithRevenue("d", 25m), WithRevenue("b", 25m), WithRevenue("a", 25m), WithRevenue("c", 25m)];

        var result = ValueTiers.Assign(customers);

        Assert.Equal(["a", "b", "c", "d"], result.Select(r => r.CustomerId));
        Assert.All(result, r => Assert.Equal(ValueTier.Vip, r.Tier));
        Assert.Equal([0.25m, 0.50m, 0.75m, 1m], result.Select(r => r.CumulativeShare));
        Assert.Equal(
            [new(0m, 0m), new(0.25m, 0.25m), new(0.5m, 0.5m), new(0.75m, 0.75m), new ParetoPoint(1m, 1m)],
            ValueTiers.ParetoCurve(customers));
    }

    [Fact]
    public void Assign_NoRevenueAtAll_EveryoneIsSmallAndTheCurveIsFlat()
    {
        CustomerFeatures[] customers = [WithRevenue("a", 0m), WithRevenue("b", 0m)];

        var result = ValueTiers.Assign(customers);

        Assert.All(result, r => Assert.Equal(ValueTier.Small, r.Tier));
        Assert.All(result, r => Assert.Equal(0m, r.RevenueShare));
        Assert.Equal([new(0m, 0m), new(0.5m, 0m), new ParetoPoint(1m, 0m)], ValueTiers.ParetoCurve(customers));
    }

    [Fact]
    public void Assign_ZeroAndNegativeRevenue_AreSmallAndCountAsZero()
    {
        // "neg" has −50 (more cancelled than bought): counted as 0. Total 100; "a" is VIP,
        // "neg" and "zero" start at 100 / 100 = 1.00 → Small; they tie at 0, so rank by id.
        var result = ValueTiers.Assign([WithRevenue("zero", 0m), WithRevenue("neg", -50m), WithRevenue("a", 100m)]);

        Assert.Equal(
            [
                new ValueTierAssignment("a", 1, 100m, 1m, 0m, 1m, ValueTier.Vip),
                new ValueTierAssignment("neg", 2, 0m, 0m, 1m, 1m, ValueTier.Small),
                new ValueTierAssignment("zero", 3, 0m, 0m, 1m, 1m, ValueTier.Small),
            ],
            result);
    }

    [Theory]
    [InlineData(0.0, 0.5, 0.9)]
    [InlineData(0.6, 0.5, 0.9)]
    [InlineData(0.2, 0.9, 0.5)]
    [InlineData(0.2, 0.5, 1.1)]
    public void Assign_CutoffsOutOfOrderOrRange_Throws(double vip, double key, double ordinary)
    {
        var cutoffs = new ValueTierCutoffs((decimal)vip, (decimal)key, (decimal)ordinary);

        Assert.Throws<ArgumentOutOfRangeException>(() => ValueTiers.Assign(FiveCustomers(), cutoffs));
    }
}
