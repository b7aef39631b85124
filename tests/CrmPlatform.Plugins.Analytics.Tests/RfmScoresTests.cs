using CrmPlatform.Plugins.Analytics.Descriptive;
using static CrmPlatform.Plugins.Analytics.Tests.TestCustomers;

namespace CrmPlatform.Plugins.Analytics.Tests;

public sealed class RfmScoresTests
{
    // Ten buyers (n = 10) and one customer who never ordered. Score = 1 + ⌊5 · w / 10⌋ = 1 + ⌊w / 2⌋,
    // w = how many customers are strictly worse on that dimension.
    //
    //   id   days  orders  revenue | R: w  score | F: w  score | M: w  score | code
    //   c01   1    10      1000    |    9  5     |    9  5     |    9  5     | 555
    //   c02   3     8       800    |    7  4     |    7  4     |    7  4     | 444
    //   c03   3¼    8       500    |    7  4     |    7  4     |    6  4     | 444   (3 days 6 h → 3 whole days)
    //   c04  10     5       400    |    6  4     |    6  4     |    4  3     | 443
    //   c05  20     4       400    |    5  3     |    5  3     |    4  3     | 333
    //   c06  30     3       300    |    4  3     |    4  3     |    3  2     | 332
    //   c07  45     1       200    |    3  2     |    0  1     |    2  2     | 212
    //   c08  60     2       150    |    2  2     |    3  2     |    1  1     | 221
    //   c09  90     1        80    |    1  1     |    0  1     |    0  1     | 111
    //   c10 200     1       900    |    0  1     |    0  1     |    8  5     | 115
    //   c11  never ordered: not scored.
    //
    // R: w counts customers whose last order is strictly older (more days). F, M: strictly fewer orders / less revenue.
    // Ties (c02/c03 on days and orders, c04/c05 on revenue, the three single-order customers) share a score.
    private static CustomerFeatures[] TenCustomers() =>
    [
        Buyer("c10", 200, 1, 900m),
        Buyer("c01", 1, 10, 1000m),
        Buyer("c02", 3, 8, 800m),
        Buyer("c03", 3.25, 8, 500m),
        Buyer("c04", 10, 5, 400m),
        Buyer("c05", 20, 4, 400m),
        Buyer("c06", 30, 3, 300m),
        Buyer("c07", 45, 1, 200m),
        Buyer("c08", 60, 2, 150m),
        Buyer("c09", 90, 1, 80m),
        new CustomerFeatures("c11", AsOf.AddDays(-400), null, null, 0, 0m),
    ];

    [Fact]
    public void Score_TenCustomers_MatchesHandComputation()
    {
        var result = RfmScores.Score(TenCustomers(), AsOf);

        Assert.Equal(
            ["c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10"],
            result.Select(r => r.CustomerId));
        Assert.Equal([1, 3, 3, 10, 20, 30, 45, 60, 90, 200], result.Select(r => r.RecencyDays));
        Assert.Equal([5, 4, 4, 4, 3, 3, 2, 2, 1, 1], result.Select(r => r.Recency));
        Assert.Equal([5, 4, 4, 4, 3, 3, 1, 2, 1, 1], result.Select(r => r.FrequencyScore));
        Assert.Equal([5, 4, 4, 3, 3, 2, 2, 1, 1, 5], result.Select(r => r.MonetaryScore));
        Assert.Equal(
            ["555", "444", "444", "443", "333", "332", "212", "221", "111", "115"],
            result.Select(r => r.Code));
    }

    [Fact]
    public void Score_FiveDistinctCustomers_EachScoreOnce()
    {
        // n = 5, all distinct: w = 0…4 and 1 + ⌊5w/5⌋ = w + 1, so scores 1…5 exactly once per dimension.
        // "e" is best on recency but worst on frequency and monetary.
        var result = RfmScores.Score(
            [
                Buyer("a", 40, 5, 500m),
                Buyer("b", 30, 4, 400m),
                Buyer("c", 20, 3, 300m),
                Buyer("d", 10, 2, 200m),
                Buyer("e", 0, 1, 100m),
            ],
            AsOf);

        Assert.Equal(["155", "244", "333", "422", "511"], result.Select(r => r.Code));
    }

    [Fact]
    public void Score_ThreeDistinctValues_UseTheFormulaNotEqualThirds()
    {
        // n = 3: w = 0, 1, 2 → 1 + ⌊0⌋ = 1, 1 + ⌊5/3⌋ = 2, 1 + ⌊10/3⌋ = 4.
        Assert.Equal([1, 2, 4], RfmScores.Quintiles([10m, 20m, 30m]));
        Assert.Equal([4, 1, 2], RfmScores.Quintiles([30m, 10m, 20m]));
    }

    [Fact]
    public void Score_EmptyPopulation_IsEmpty()
    {
        Assert.Empty(RfmScores.Score([], AsOf));
    }

    [Fact]
    public void Score_NoOneHasOrdered_IsEmpty()
    {
        Assert.Empty(RfmScores.Score([new CustomerFeatures("a", AsOf.AddDays(-10), null, null, 0, 0m)], AsOf));
    }

    [Fact]
    public void Score_SingleCustomer_Scores111()
    {
        // n = 1, w = 0 on every dimension → 1 + ⌊0⌋ = 1: nobody is beaten.
        var score = Assert.Single(RfmScores.Score([Buyer("only", 5, 3, 300m)], AsOf));

        Assert.Equal("111", score.Code);
    }

    [Fact]
    public void Score_AllEqual_EveryoneScores111()
    {
        var result = RfmScores.Score(
            [Buyer("a", 7, 2, 100m), Buyer("b", 7, 2, 100m), Buyer("c", 7, 2, 100m), Buyer("d", 7, 2, 100m), Buyer("e", 7, 2, 100m)],
            AsOf);

        Assert.All(result, r => Assert.Equal("111", r.Code));
    }

    [Fact]
    public void Score_ZeroRevenueBuyers_ScoreLowestOnMonetary()
    {
        // Revenue 0, 0, 0, 100, 200 (n = 5): the zeros have w = 0 → 1; 100 has w = 3 → 4; 200 has w = 4 → 5.
        var result = RfmScores.Score(
            [Buyer("a", 1, 1, 0m), Buyer("b", 1, 1, 0m), Buyer("c", 1, 1, 0m), Buyer("d", 1, 1, 100m), Buyer("e", 1, 1, 200m)],
            AsOf);

        Assert.Equal([1, 1, 1, 4, 5], result.Select(r => r.MonetaryScore));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.99, 0)]
    [InlineData(1.0, 1)]
    [InlineData(6.5, 6)]
    [InlineData(-2.0, 0)]
    public void RecencyDays_RoundsDownAndNeverGoesNegative(double daysAgo, int expected)
    {
        Assert.Equal(expected, RfmScores.RecencyDays(AsOf.AddDays(-daysAgo), AsOf));
    }
}
