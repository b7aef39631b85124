using CrmPlatform.Plugins.Analytics.Segments;
using CrmPlatform.Plugins.Analytics.Tests.Data;

namespace CrmPlatform.Plugins.Analytics.Tests.Segments;

/// <summary>Segments on the public IBM Telco customers (tenure and charges, contract described).</summary>
public sealed class CustomerSegmenterTelcoTests
{
    [Fact]
    public async Task Segment_TelcoCustomers_FourDescribedSegmentsCoveringEveryone()
    {
        var customers = (await TelcoCustomers.LoadAsync()).Select(e => e.Features).ToList();
        var options = new SegmentationOptions
        {
            Features = ["attr.tenure", "attr.monthlyCharges", "attr.totalCharges"],
            DescribeCategories = ["attr.contract"],
        };

        var result = CustomerSegmenter.Segment(customers, options);

        foreach (var segment in result.Segments)
        {
            var line = $"segment {segment.Id}: {segment.Size} ({segment.Share:P0}) tenure {segment.Centroid["attr.tenure"]:F0} monthly {segment.Centroid["attr.monthlyCharges"]:F1} total {segment.Centroid["attr.totalCharges"]:F0}: {segment.Description}";
            TestContext.Current.SendDiagnosticMessage(line);
            Console.WriteLine(line);
        }

        Assert.Equal(4, result.Segments.Count);
        Assert.Equal(customers.Count, result.Assignments.Count);
        Assert.Equal(customers.Count, result.Segments.Sum(s => s.Size));
        Assert.Contains(result.Segments, s => s.Description.Contains("long-tenure", StringComparison.Ordinal));
        Assert.Contains(result.Segments, s => s.Description.Contains("month-to-month", StringComparison.Ordinal));
        Assert.Contains(result.Segments, s => s.Description.Contains("low monthly charges", StringComparison.Ordinal));
    }
}
