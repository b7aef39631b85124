using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>
/// Trains the churn model: boosted decision trees (ML.NET FastTree) over the customers' features, measured on a
/// stratified hold-out it never trains on, with the at-risk threshold chosen on the training data (maximum F1).
/// The same examples and options always give the same model.
/// </summary>
public sealed class ChurnTrainer(TimeProvider time)
{
    /// <summary>Trains a model on the examples.</summary>
    /// <exception cref="ArgumentException">Too few churned or retained customers, or no feature that varies.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hold-out fraction outside (0, 1).</exception>
    public ChurnModel Train(IReadOnlyCollection<ChurnExample> examples, ChurnTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new ChurnTrainingOptions();
        if (options.HoldOutFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.HoldOutFraction, "The hold-out fraction must lie between 0 and 1.");
        }
        var started = time.GetTimestamp();
        var (training, holdOut) = StratifiedSplit.Split(examples, options.HoldOutFraction, options.Seed);
        if (!holdOut.Any(e => e.Churned) || !holdOut.Any(e => !e.Churned) || !training.Any(e => e.Churned) || !training.Any(e => !e.Churned))
        {
            throw new ArgumentException("Training needs churned and retained customers in both the training set and the hold-out.", nameof(examples));
        }

        var layout = FeatureLayout.Learn([.. training.Select(e => e.Features)], options.MaxValuesPerCategory);
        if (layout.Length == 0)
        {
            throw new ArgumentException("No feature varies between the training customers.", nameof(examples));
        }

        var ml = ChurnModel.NewContext(options.Seed);
        var data = ChurnModel.ToDataView(ml, layout.Length, training.Select(e => new ChurnRow { Features = layout.Encode(e.Features), Label = e.Churned }));
        var trees = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfLeaves = options.NumberOfLeaves,
            NumberOfTrees = options.NumberOfTrees,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf,
            Seed = options.Seed,
            NumberOfThreads = 1,
        }).Fit(data);
        var explain = ml.Transforms.CalculateFeatureContribution(trees, layout.Length, layout.Length, normalize: false).Fit(data);
        var transformer = new TransformerChain<ITransformer>(trees, explain);

        var threshold = ClassificationMetrics.MaxF1Threshold(
            ChurnModel.Probabilities(ml, transformer, layout, training.Select(e => e.Features)), [.. training.Select(e => e.Churned)]);
        var metrics = ClassificationMetrics.Measure(
            ChurnModel.Probabilities(ml, transformer, layout, holdOut.Select(e => e.Features)), [.. holdOut.Select(e => e.Churned)], threshold);
        var trainedAt = time.GetUtcNow();
        var version = new ChurnModelVersion(
            "churn-" + trainedAt.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture),
            trainedAt,
            training.Count,
            holdOut.Count,
            examples.Count(e => e.Churned),
            threshold,
            layout.SlotNames,
            metrics,
            (long)time.GetElapsedTime(started).TotalMilliseconds);
        return new ChurnModel(ml, transformer, layout, version);
    }
}
