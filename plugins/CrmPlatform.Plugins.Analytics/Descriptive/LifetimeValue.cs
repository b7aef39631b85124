namespace CrmPlatform.Plugins.Analytics.Descriptive;

/// <summary>Customer lifetime value (CLV), historical and predicted.</summary>
/// <remarks>
/// <para>Historical CLV is what the customer has contributed so far, net of what serving it has cost:</para>
/// <code>
/// historical = revenue × margin − (orders × costPerOrder + interactions × costPerInteraction + cases × costPerCase)
/// </code>
/// <para>Predicted CLV is the contribution still expected, on the simple retention model:</para>
/// <code>
/// averageOrderValue = revenue ÷ orders                                   (0 without orders)
/// yearsObserved     = max(asOf − tenureStart, minimumObservationPeriod) in days ÷ 365.25
/// purchasesPerYear  = orders ÷ yearsObserved
/// remainingYears    = 1 ÷ annualChurnRate
/// predicted         = averageOrderValue × purchasesPerYear × margin × remainingYears
/// </code>
/// <para>
/// With a constant churn rate, lifetimes are geometric and memoryless, so the expected remaining lifetime is
/// 1 ÷ churn whatever the customer's age. The prediction is undiscounted and leaves out cost to serve.
/// </para>
/// </remarks>
public static class LifetimeValue
{
    /// <summary>Days in a year, averaged over leap years.</summary>
    public const decimal DaysPerYear = 365.25m;

    /// <summary>Computes one customer's lifetime value.</summary>
    /// <param name="customer">The customer's features.</param>
    /// <param name="asOf">The reference time tenure is measured to.</param>
    /// <param name="options">The economics; the neutral defaults of <see cref="LifetimeValueOptions"/> if omitted.</param>
    /// <returns>The estimate.</returns>
    public static LifetimeValueEstimate Estimate(
        CustomerFeatures customer,
        DateTimeOffset asOf,
        LifetimeValueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        options ??= new LifetimeValueOptions();
        options.Validate();

        var contribution = customer.Monetary * options.Margin;
        var costToServe = customer.OrderCount * options.CostPerOrder
            + customer.InteractionCount * options.CostPerInteraction
            + customer.CaseCount * options.CostPerCase;

        var averageOrderValue = customer.OrderCount > 0 ? customer.Monetary / customer.OrderCount : 0m;
        var observed = asOf - customer.TenureStart;
        if (observed < options.MinimumObservationPeriod)
        {
            observed = options.MinimumObservationPeriod;
        }

        var yearsObserved = (decimal)observed.Ticks / TimeSpan.TicksPerDay / DaysPerYear;
        var purchasesPerYear = customer.OrderCount / yearsObserved;
        var remainingYears = 1m / options.AnnualChurnRate;
        var predicted = averageOrderValue * purchasesPerYear * options.Margin * remainingYears;

        return new LifetimeValueEstimate(
            customer.CustomerId,
            contribution,
            costToServe,
            contribution - costToServe,
            averageOrderValue,
            purchasesPerYear,
            remainingYears,
            predicted);
    }

    /// <summary>Computes the lifetime value of every customer.</summary>
    /// <param name="customers">The population.</param>
    /// <param name="asOf">The reference time tenure is measured to.</param>
    /// <param name="options">The economics; the neutral defaults of <see cref="LifetimeValueOptions"/> if omitted.</param>
    /// <returns>One estimate per customer, ordered by customer id (ordinal).</returns>
    public static IReadOnlyList<LifetimeValueEstimate> Estimate(
        IEnumerable<CustomerFeatures> customers,
        DateTimeOffset asOf,
        LifetimeValueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options ??= new LifetimeValueOptions();
        return customers
            .OrderBy(c => c.CustomerId, StringComparer.Ordinal)
            .Select(c => Estimate(c, asOf, options))
            .ToList();
    }
}
