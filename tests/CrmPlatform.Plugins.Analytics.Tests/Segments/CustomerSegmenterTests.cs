using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Segments;

namespace CrmPlatform.Plugins.Analytics.Tests.Segments;

public sealed class CustomerSegmenterTests
{
    private static readonly SegmentationOptions ThreeSegments = new() { SegmentCount = 3, DescribeCategories = ["attr.contract"] };

    // Three groups far apart on every feature: 14 new customers, 10 lapsed small buyers, 6 loyal big spenders.
    private static List<FeatureVector> Customers()
    {
        var customers = new List<FeatureVector>();
        for (var i = 0; i < 14; i++)
        {
            customers.Add(Customer($"new{i:D2}", recency: 10 + i, orders: 2 + (i % 2), monetary: 100 + (3 * i), tenure: 10 + i, "Month-to-month"));
        }

        for (var i = 0; i < 10; i++)
        {
            customers.Add(Customer($"lapsed{i:D2}", recency: 300 + (4 * i), orders: 1 + (i % 2), monetary: 20 + (2 * i), tenure: 400 + (4 * i), "Month-to-month"));
        }

        for (var i = 0; i < 6; i++)
        {
            customers.Add(Customer($"vip{i:D2}", recency: 2 + i, orders: 20 + i, monetary: 2000 + (80 * i), tenure: 700 + (8 * i), "Two year"));
        }

        return customers;
    }

    [Fact]
    public void Segment_ThreeObviousGroups_EachGroupOneSegmentLargestFirst()
    {
        var result = CustomerSegmenter.Segment(Customers(), ThreeSegments);

        Assert.Equal([14, 10, 6], result.Segments.Select(s => s.Size));
        Assert.Equal([1, 2, 3], result.Segments.Select(s => s.Id));
        Assert.Equal(14.0 / 30, result.Segments[0].Share, 12);
        Assert.All(Customers(), c => Assert.Equal(c.CustomerId switch
        {
            var id when id.StartsWith("new", StringComparison.Ordinal) => 1,
            var id when id.StartsWith("lapsed", StringComparison.Ordinal) => 2,
            _ => 3,
        }, result.Assignments[c.CustomerId]));
    }

    [Fact]
    public void Segment_ThreeObviousGroups_CentroidsInOriginalUnits()
    {
        var vip = CustomerSegmenter.Segment(Customers(), ThreeSegments).Segments[2];

        // Spend 2000, 2080 … 2400: mean 2200. Orders 20 … 25: mean 22.5.
        Assert.Equal(2200, vip.Centroid["monetary.total"], 9);
        Assert.Equal(22.5, vip.Centroid["orders.count"], 9);
        Assert.Equal(4.5, vip.Centroid["recency.days"], 9);
    }

    [Fact]
    public void Segment_ThreeObviousGroups_DescribedRelativeToThePopulation()
    {
        var segments = CustomerSegmenter.Segment(Customers(), ThreeSegments).Segments;

        // Strongest difference first. The new customers' spend and orders sit within half a standard deviation of the
        // population's (the VIPs pull its means up), so only tenure and recency describe them; lapsed tenure (z ≈ 0.46) likewise.
        Assert.Equal("new, recent, month-to-month", segments[0].Description);
        Assert.Equal("lapsed, infrequent, low spend, month-to-month", segments[1].Description);
        Assert.Equal("high spend, frequent, long-tenure, recent, two year", segments[2].Description);
    }

    [Fact]
    public void Segment_SameCustomersInAnotherOrder_SameSegments()
    {
        var once = CustomerSegmenter.Segment(Customers(), ThreeSegments);
        var reversed = Customers();
        reversed.Reverse();

        var again = CustomerSegmenter.Segment(reversed, ThreeSegments);

        Assert.Equal(once.Assignments.OrderBy(p => p.Key), again.Assignments.OrderBy(p => p.Key));
        Assert.Equal(once.Segments.Select(s => s.Description), again.Segments.Select(s => s.Description));
    }

    [Fact]
    public void Segment_DefaultOptions_FourSegmentsCoveringEveryone()
    {
        var result = CustomerSegmenter.Segment(Customers());

        Assert.Equal(4, result.Segments.Count);
        Assert.Equal(30, result.Segments.Sum(s => s.Size));
        Assert.Equal(30, result.Assignments.Count);
        Assert.Equal(1, result.Segments.Sum(s => s.Share), 12);
    }

    [Fact]
    public void Segment_ConstantFeatureAndMissingValues_IgnoredAndCountedAsMean()
    {
        var customers = Customers()
            .Select(c => c with { Numbers = new Dictionary<string, double>(c.Numbers) { ["flat"] = 1 } })
            .Append(new FeatureVector("blank", new Dictionary<string, double>(), new Dictionary<string, string>()))
            .ToList();
        var options = ThreeSegments with { Features = ["recency.days", "orders.count", "monetary.total", "tenure.days", "flat"] };

        var result = CustomerSegmenter.Segment(customers, options);

        Assert.Equal(0, result.Scales.Single(s => s.Feature == "flat").StandardDeviation);
        Assert.Equal(31, result.Assignments.Count);
        Assert.Equal(result.Assignments["vip00"], result.Assignments["vip05"]);
        Assert.NotEqual(result.Assignments["vip00"], result.Assignments["new00"]);
    }

    [Fact]
    public void Assign_NewBigSpender_JoinsTheVipSegment()
    {
        var result = CustomerSegmenter.Segment(Customers(), ThreeSegments);

        Assert.Equal(3, result.Assign(Customer("someone", recency: 3, orders: 30, monetary: 2600, tenure: 650, "Two year")));
        Assert.Equal(2, result.Assign(Customer("other", recency: 290, orders: 1, monetary: 10, tenure: 380, "Month-to-month")));
    }

    [Fact]
    public void Segment_FewerCustomersThanSegments_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => CustomerSegmenter.Segment(Customers().Take(2).ToList(), ThreeSegments));
    }

    private static FeatureVector Customer(string id, double recency, double orders, double monetary, double tenure, string contract) =>
        new(
            id,
            new Dictionary<string, double> { ["recency.days"] = recency, ["orders.count"] = orders, ["monetary.total"] = monetary, ["tenure.days"] = tenure },
            new Dictionary<string, string> { ["attr.contract"] = contract });
}
