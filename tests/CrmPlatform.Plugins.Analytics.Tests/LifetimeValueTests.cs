using CrmPlatform.Plugins.Analytics.Descriptive;
using static CrmPlatform.Plugins.Analytics.Tests.TestCustomers;

namespace CrmPlatform.Plugins.Analytics.Tests;

public sealed class LifetimeValueTests
{
    private static readonly LifetimeValueOptions Economics = new()
    {
        Margin = 0.25m,
        CostPerOrder = 5m,
        CostPerInteraction = 2m,
        CostPerCase = 20m,
        AnnualChurnRate = 0.25m,
    };

    [Fact]
    public void Estimate_WorkedExample_MatchesHandComputation()
    {
        // Customer for exactly two years (730.5 days = 2 × 365.25), 8 orders worth 2000, 10 interactions, 2 cases.
        // Margin 25 %, 5 per order, 2 per interaction, 20 per case, churn 25 % a year.
        //
        //   contribution   = 2000 × 0.25                  = 500
        //   cost to serve  = 8 × 5 + 10 × 2 + 2 × 20      = 40 + 20 + 40 = 100
        //   historical     = 500 − 100                    = 400
        //   average order  = 2000 ÷ 8                     = 250
        //   years observed = 730.5 ÷ 365.25               = 2
        //   purchases/year = 8 ÷ 2                        = 4
        //   remaining      = 1 ÷ 0.25                     = 4 years
        //   predicted      = 250 × 4 × 0.25 × 4           = 1000
        var tenureStart = AsOf.AddDays(-730.5);
        var customer = new CustomerFeatures("c1", tenureStart, tenureStart, AsOf.AddDays(-3), 8, 2000m, 10, 2);

        var estimate = LifetimeValue.Estimate(customer, AsOf, Economics);

        Assert.Equal(new LifetimeValueEstimate("c1", 500m, 100m, 400m, 250m, 4m, 4m, 1000m), estimate);
    }

    [Fact]
    public void Estimate_NewCustomer_MeasuresFrequencyOverTheMinimumObservationPeriod()
    {
        // Joined 10 days ago, one order of 120; default options: margin 1, no costs, churn 20 %, minimum 90 days.
        //   years observed = max(10, 90) ÷ 365.25 = 90 ÷ 365.25
        //   purchases/year = 1 ÷ (90 ÷ 365.25)    = 365.25 ÷ 90 = 4.058333…
        //   remaining      = 1 ÷ 0.2              = 5
        //   predicted      = 120 × 4.058333… × 1 × 5 = 120 × 365.25 × 5 ÷ 90 = 2435
        var customer = new CustomerFeatures("new", AsOf.AddDays(-10), AsOf.AddDays(-2), AsOf.AddDays(-2), 1, 120m);

        var estimate = LifetimeValue.Estimate(customer, AsOf);

        Assert.Equal(120m, estimate.Historical);
        Assert.Equal(5m, estimate.ExpectedRemainingYears);
        Assert.Equal(4.058333m, Math.Round(estimate.PurchasesPerYear, 6));
        Assert.Equal(2435m, Math.Round(estimate.Predicted, 6));
    }

    [Fact]
    public void Estimate_NoOrdersButServiceCosts_HistoricalIsNegativeAndPredictedZero()
    {
        // No orders, 3 interactions, 2 cases: cost to serve = 3 × 2 + 2 × 20 = 46; historical = 0 − 46 = −46.
        // Average order value 0 → predicted 0.
        var customer = new CustomerFeatures("costly", AsOf.AddYears(-1), null, null, 0, 0m, 3, 2);

        var estimate = LifetimeValue.Estimate(customer, AsOf, Economics);

        Assert.Equal(new LifetimeValueEstimate("costly", 0m, 46m, -46m, 0m, 0m, 4m, 0m), estimate);
    }

    [Fact]
    public void Estimate_ZeroRevenueWithOrders_PredictsZero()
    {
        // Two orders of 0 (free samples) over a year: 2 × 5 = 10 cost to serve, historical −10, predicted 0 × … = 0.
        var customer = new CustomerFeatures("free", AsOf.AddDays(-365.25), AsOf.AddDays(-300), AsOf.AddDays(-10), 2, 0m);

        var estimate = LifetimeValue.Estimate(customer, AsOf, Economics);

        Assert.Equal(-10m, estimate.Historical);
        Assert.Equal(2m, estimate.PurchasesPerYear);
        Assert.Equal(0m, estimate.Predicted);
    }

    [Fact]
    public void Estimate_Population_IsOrderedByIdAndEmptyForNone()
    {
        Assert.Empty(LifetimeValue.Estimate([], AsOf));

        var result = LifetimeValue.Estimate([WithRevenue("b", 10m), WithRevenue("a", 20m)], AsOf);

        Assert.Equal(["a", "b"], result.Select(r => r.CustomerId));
        Assert.Equal([20m, 10m], result.Select(r => r.Historical));
    }

    [Fact]
    public void Estimate_RetentionRate_TranslatesToChurn()
    {
        // Retention 90 % → churn 1 − 0.9 = 0.1 → 1 ÷ 0.1 = 10 remaining years.
        var options = new LifetimeValueOptions { AnnualChurnRate = 1m - 0.9m };

        Assert.Equal(10m, LifetimeValue.Estimate(WithRevenue("a", 1m), AsOf, options).ExpectedRemainingYears);
    }

    [Fact]
    public void Estimate_OptionsOutOfRange_Throw()
    {
        var customer = WithRevenue("a", 1m);

        Assert.Throws<ArgumentOutOfRangeException>(() => LifetimeValue.Estimate(customer, AsOf, new() { AnnualChurnRate = 0m }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifetimeValue.Estimate(customer, AsOf, new() { AnnualChurnRate = 1.5m }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifetimeValue.Estimate(customer, AsOf, new() { Margin = 1.5m }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifetimeValue.Estimate(customer, AsOf, new() { CostPerCase = -1m }));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => LifetimeValue.Estimate(customer, AsOf, new() { MinimumObservationPeriod = TimeSpan.Zero }));
    }
}
