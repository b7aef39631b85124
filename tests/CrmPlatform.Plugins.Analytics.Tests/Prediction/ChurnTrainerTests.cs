using System.Text.Json;
using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Prediction;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Plugins.Analytics.Tests.Prediction;

public sealed class ChurnTrainerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<ChurnModel> Model = new(() => Train(SyntheticChurn.Examples()));

    [Fact]
    public void Train_SyntheticCustomers_LearnsTheRuleAndHoldsOutTwentyPercentOfEachClass()
    {
        var examples = SyntheticChurn.Examples();
        var version = Model.Value.Version;
        var churned = examples.Count(e => e.Churned);

        Assert.Equal(Math.Round(churned * 0.2, MidpointRounding.AwayFromZero) + Math.Round((400 - churned) * 0.2, MidpointRounding.AwayFromZero), version.HoldOutExamples);
        Assert.Equal(400 - version.HoldOutExamples, version.TrainingExamples);
        Assert.Equal(churned, version.ChurnedExamples);
        Assert.Equal(Math.Round(churned * 0.2, MidpointRounding.AwayFromZero), version.Metrics.Churned);
        Assert.True(version.Metrics.RocAuc > 0.9, $"ROC AUC {version.Metrics.RocAuc}");
        Assert.Equal(version.Threshold, version.Metrics.Threshold);
        Assert.Equal(Now, version.TrainedAt);
        Assert.Equal("churn-20260301T120000000Z", version.Version);
    }

    [Fact]
    public void Train_ConstantAndMissingNumbers_ConstantGetsNoSlotMissingGetsAnIndicator()
    {
        var names = Model.Value.Version.FeatureNames;

        Assert.DoesNotContain("orders.count", names);
        Assert.Contains("spend", names);
        Assert.Contains("spend (missing)", names);
        Assert.Contains("attr.plan=basic", names);
    }

    [Fact]
    public void Train_SameExamplesTwice_SameScores()
    {
        var customers = SyntheticChurn.Examples().Select(e => e.Features).ToList();

        var again = Train(SyntheticChurn.Examples());

        Assert.Equal(Model.Value.ScoreMany(customers).Select(s => s.Probability), again.ScoreMany(customers).Select(s => s.Probability));
        Assert.Equal(Model.Value.Version.Metrics.RocAuc, again.Version.Metrics.RocAuc);
    }

    [Fact]
    public void Train_ExamplesInAnotherOrder_SameHoldOutMetrics()
    {
        var shuffled = SyntheticChurn.Examples().OrderByDescending(e => e.Features.CustomerId, StringComparer.Ordinal).ToList();

        var again = Train(shuffled);

        Assert.Equal(Model.Value.Version.Metrics.Churned, again.Version.Metrics.Churned);
        Assert.Equal(Model.Value.Version.HoldOutExamples, again.Version.HoldOutExamples);
    }

    [Fact]
    public void Train_OnlyRetainedCustomers_ThrowsArgumentException()
    {
        var stayers = SyntheticChurn.Examples().Where(e => !e.Churned).ToList();

        Assert.Throws<ArgumentException>(() => Train(stayers));
    }

    [Fact]
    public void Train_HoldOutFractionOne_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ChurnTrainer(TimeProvider.System).Train(SyntheticChurn.Examples(), SyntheticChurn.SmallData with { HoldOutFraction = 1 }));
    }

    [Fact]
    public void Score_BasicPlanLowUsage_HighRiskExplainedByPlanAndUsage()
    {
        var score = Model.Value.Score(SyntheticChurn.Customer("x", 0.1, 50, "basic"));
        var safe = Model.Value.Score(SyntheticChurn.Customer("y", 0.9, 50, "premium"));

        Assert.True(score.AtRisk);
        Assert.False(safe.AtRisk);
        Assert.True(score.Probability > safe.Probability);
        Assert.Equal("x", score.CustomerId);
        Assert.Equal(3, score.TopContributions.Count);
        Assert.Contains(score.TopContributions, c => c.Feature == "attr.plan=basic" && c.Contribution > 0);
        Assert.Contains(score.TopContributions, c => c.Feature == "usage" && c.Contribution > 0);
        Assert.True(Math.Abs(score.TopContributions[0].Contribution) >= Math.Abs(score.TopContributions[1].Contribution));
    }

    [Fact]
    public void Score_UnseenCategoryAndMissingNumbers_ScoresAProbability()
    {
        var stranger = new FeatureVector("z", new Dictionary<string, double>(), new Dictionary<string, string> { ["attr.plan"] = "enterprise", ["attr.new"] = "x" });

        var score = Model.Value.Score(stranger);

        Assert.InRange(score.Probability, 0, 1);
        // A category explains itself with the customer's own value, even one the model never saw (it is "not basic").
        Assert.All(score.TopContributions, c => Assert.Contains(c.Feature, new[] { "usage", "spend", "attr.plan=enterprise" }));
    }

    [Fact]
    public void ScoreMany_FromManyThreadsAtOnce_SameAsOneThread()
    {
        var customers = SyntheticChurn.Examples().Select(e => e.Features).ToList();
        var expected = Model.Value.ScoreMany(customers).Select(s => s.Probability).ToList();

        var results = new List<double>[8];
        Parallel.For(0, 8, t => results[t] = [.. customers.Select(c => Model.Value.Score(c).Probability)]);

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void SaveAndLoad_TrainedModel_SameScoresAndVersion()
    {
        var customers = SyntheticChurn.Examples().Take(50).Select(e => e.Features).ToList();

        var loaded = ChurnModel.Load(Model.Value.Save());

        Assert.Equal(Model.Value.ScoreMany(customers), loaded.ScoreMany(customers), ScoresEqual);
        Assert.Equal(JsonSerializer.Serialize(Model.Value.Version), JsonSerializer.Serialize(loaded.Version));
    }

    [Fact]
    public void Load_BytesThatAreNoModel_ThrowsInvalidDataException()
    {
        Assert.ThrowsAny<InvalidDataException>(() => ChurnModel.Load([1, 2, 3]));
    }

    [Fact]
    public void Version_JsonRoundTrip_KeepsEveryField()
    {
        var json = JsonSerializer.Serialize(Model.Value.Version);

        var back = JsonSerializer.Deserialize<ChurnModelVersion>(json)!;

        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(Model.Value.Version.FeatureNames, back.FeatureNames);
        Assert.Equal(10, back.Metrics.Reliability.Count);
        Assert.Contains("\"RocAuc\"", json, StringComparison.Ordinal);
    }

    private static bool ScoresEqual(ChurnScore a, ChurnScore b) =>
        a.CustomerId == b.CustomerId && a.Probability == b.Probability && a.AtRisk == b.AtRisk && a.TopContributions.SequenceEqual(b.TopContributions);

    private static ChurnModel Train(List<ChurnExample> examples) =>
        new ChurnTrainer(new FakeTimeProvider(Now)).Train(examples, SyntheticChurn.SmallData);
}
