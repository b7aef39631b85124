using CrmPlatform.Plugins.Analytics.Descriptive;

namespace CrmPlatform.Plugins.Analytics.Tests;

/// <summary>Builds <see cref="CustomerFeatures"/> for the examples: only what a test cares about is named.</summary>
internal static class TestCustomers
{
    public static readonly DateTimeOffset AsOf = new(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A customer with the given revenue (and one order if the revenue is positive).</summary>
    public static CustomerFeatures WithRevenue(string id, decimal revenue) =>
        new(id, AsOf.AddYears(-1), AsOf.AddDays(-30), AsOf.AddDays(-1), revenue > 0m ? 1 : 0, revenue);

    /// <summary>A buyer whose latest order was <paramref name="daysAgo"/> days before <see cref="AsOf"/>.</summary>
    public static CustomerFeatures Buyer(string id, double daysAgo, int orders, decimal revenue) =>
        new(id, AsOf.AddYears(-2), AsOf.AddYears(-1), AsOf.AddDays(-daysAgo), orders, revenue);
}
