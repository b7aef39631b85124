using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Prediction;

namespace CrmPlatform.Plugins.Analytics.Tests.Prediction;

public sealed class FeatureLayoutTests
{
    private static readonly FeatureVector[] Customers =
    [
        Vector("a", new() { ["tenure"] = 1, ["flat"] = 5, ["spend"] = 10 }, new() { ["contract"] = "monthly", ["same"] = "x" }),
        Vector("b", new() { ["tenure"] = 2, ["flat"] = 5 }, new() { ["contract"] = "yearly", ["same"] = "x" }),
        Vector("c", new() { ["tenure"] = 3, ["flat"] = 5, ["spend"] = 30 }, new() { ["contract"] = "monthly", ["same"] = "x" }),
    ];

    [Fact]
    public void Learn_ThreeCustomers_SlotsForVaryingNumbersMissingIndicatorsAndCategoryValues()
    {
        var layout = FeatureLayout.Learn(Customers, maxValuesPerCategory: 20);

        Assert.Equal(["spend", "tenure", "spend (missing)", "contract=monthly", "contract=yearly"], layout.SlotNames);
    }

    [Fact]
    public void Learn_MoreValuesThanAllowed_KeepsTheMostFrequent()
    {
        var layout = FeatureLayout.Learn(Customers, maxValuesPerCategory: 1);

        Assert.Equal(["spend", "tenure", "spend (missing)", "contract=monthly"], layout.SlotNames);
    }

    [Fact]
    public void Encode_MissingNumberAndUnseenCategory_ZeroWithIndicatorAndNoOneHot()
    {
        var layout = FeatureLayout.Learn(Customers, maxValuesPerCategory: 20);

        Assert.Equal([10f, 1f, 0f, 1f, 0f], layout.Encode(Customers[0]));
        Assert.Equal([0f, 2f, 1f, 0f, 1f], layout.Encode(Customers[1]));
        Assert.Equal([0f, 0f, 1f, 0f, 0f], layout.Encode(Vector("d", new() { ["spend"] = double.NaN }, new() { ["contract"] = "weekly" })));
    }

    private static FeatureVector Vector(string id, Dictionary<string, double> numbers, Dictionary<string, string> categories) =>
        new(id, numbers, categories);
}
