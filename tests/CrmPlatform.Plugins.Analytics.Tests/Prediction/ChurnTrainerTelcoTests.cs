using System.Diagnostics;
using CrmPlatform.Plugins.Analytics.Prediction;
using CrmPlatform.Plugins.Analytics.Tests.Data;

namespace CrmPlatform.Plugins.Analytics.Tests.Prediction;

/// <summary>The churn model on the public IBM Telco customer churn data (7,043 customers, 26.5 % churned).</summary>
public sealed class ChurnTrainerTelcoTests
{
    [Fact]
    public async Task Train_TelcoCustomers_RocAucOnHoldOutAtLeast084()
    {
        var examples = await TelcoCustomers.LoadAsync();
        Assert.Equal(7043, examples.Count);

        var watch = Stopwatch.StartNew();
        var model = new ChurnTrainer(TimeProvider.System).Train(examples);
        var training = watch.Elapsed;
        watch.Restart();
        var scores = model.ScoreMany([.. examples.Select(e => e.Features)]);
        var scoring = watch.Elapsed;
        watch.Restart();
        model.ScoreMany([.. examples.Select(e => e.Features)]);
        var warmScoring = watch.Elapsed;
        var one = model.Score(examples[1].Features);
        watch.Restart();
        foreach (var example in examples.Take(1000))
        {
            model.Score(example.Features);
        }

        var single = watch.Elapsed / 1000;

        var metrics = model.Version.Metrics;
        Report($"Telco churn: {model.Version.TrainingExamples} trained, {metrics.Examples} held out ({metrics.Churned} churned), {model.Version.FeatureNames.Count} feature slots");
        Report($"ROC AUC {metrics.RocAuc:F4}  PR AUC {metrics.PrAuc:F4}  threshold {metrics.Threshold:F3}  F1 {metrics.F1:F4}  precision {metrics.Precision:F4}  recall {metrics.Recall:F4}  accuracy {metrics.Accuracy:F4}");
        Report($"log loss {metrics.LogLoss:F4}  Brier {metrics.BrierScore:F4}");
        foreach (var bin in metrics.Reliability)
        {
            Report($"  decile {bin.Decile,2}: n={bin.Count,4} predicted {bin.MeanPredicted:F3} observed {bin.ObservedRate:F3}");
        }

        Report($"training {training.TotalSeconds:F2} s; scoring all {scores.Count} customers {scoring.TotalSeconds:F2} s ({scores.Count / scoring.TotalSeconds:F0}/s), again {warmScoring.TotalSeconds:F2} s ({scores.Count / warmScoring.TotalSeconds:F0}/s); one at a time {single.TotalMilliseconds:F3} ms each");
        Report("first customer: " + string.Join(", ", scores[0].TopContributions.Select(c => $"{c.Feature} {c.Contribution:+0.000;-0.000}")));

        Assert.True(metrics.RocAuc >= 0.84, $"ROC AUC {metrics.RocAuc:F4} < 0.84");
        Assert.Equal(1409, metrics.Examples);
        Assert.Equal(examples.Count, scores.Count);
        Assert.Equal(10, metrics.Reliability.Count);
        Assert.True(metrics.Reliability[9].ObservedRate > 3 * metrics.Reliability[0].ObservedRate);
        Assert.DoesNotContain(model.Version.FeatureNames, n => n is "orders.count" or "cases.complaint" or "interactions.email" or "tenure.days");
        Assert.Contains("attr.totalCharges (missing)", model.Version.FeatureNames);
        Assert.All(scores, s => Assert.Equal(3, s.TopContributions.Count));
        Assert.Equal(scores[1].Probability, one.Probability);
    }

    private static void Report(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        Console.WriteLine(line);
    }
}
