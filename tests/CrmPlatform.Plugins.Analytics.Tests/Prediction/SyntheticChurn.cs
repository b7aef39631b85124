using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Prediction;

namespace CrmPlatform.Plugins.Analytics.Tests.Prediction;

/// <summary>
/// Made-up customers whose churn is easy to learn: low usage or the "basic" plan churn (with some noise); every
/// tenth customer has no known spend, and a constant event count carries nothing.
/// </summary>
internal static class SyntheticChurn
{
    public static readonly ChurnTrainingOptions SmallData = new() { MinimumExampleCountPerLeaf = 10, NumberOfTrees = 50 };

    public static List<ChurnExample> Examples(int count = 400)
    {
        var random = new Random(7);
        var plans = new[] { "basic", "plus", "premium" };
        var examples = new List<ChurnExample>();
        for (var i = 0; i < count; i++)
        {
            var usage = random.NextDouble();
            var plan = plans[random.Next(plans.Length)];
            var churned = (usage < 0.3 || plan == "basic") ^ (random.NextDouble() < 0.05);
            examples.Add(new ChurnExample(Customer($"c{i:D4}", usage, i % 10 == 0 ? null : 100 * random.NextDouble(), plan), churned));
        }

        return examples;
    }

    public static FeatureVector Customer(string id, double usage, double? spend, string? plan)
    {
        var numbers = new Dictionary<string, double> { ["usage"] = usage, ["orders.count"] = 3 };
        if (spend is not null)
        {
            numbers["spend"] = spend.Value;
        }

        var categories = new Dictionary<string, string>();
        if (plan is not null)
        {
            categories["attr.plan"] = plan;
        }

        return new FeatureVector(id, numbers, categories);
    }
}
