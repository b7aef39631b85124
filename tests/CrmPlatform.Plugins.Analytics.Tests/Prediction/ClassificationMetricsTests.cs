using CrmPlatform.Plugins.Analytics.Prediction;

namespace CrmPlatform.Plugins.Analytics.Tests.Prediction;

public sealed class ClassificationMetricsTests
{
    // Ranked by probability:   0.9 T | 0.8 F | 0.7 T | 0.6 F | 0.4 T | 0.2 F
    private static readonly double[] Probabilities = [0.9, 0.8, 0.7, 0.6, 0.4, 0.2];
    private static readonly bool[] Labels = [true, false, true, false, true, false];

    [Fact]
    public void RocAuc_SixCustomers_ShareOfChurnerStayerPairsRankedRight()
    {
        // 0.9 beats 3 stayers, 0.7 beats 2, 0.4 beats 1: 6 of 9 pairs.
        Assert.Equal(6.0 / 9, ClassificationMetrics.RocAuc(Probabilities, Labels), 12);
    }

    [Fact]
    public void RocAuc_TiedChurnerAndStayer_CountsHalf()
    {
        Assert.Equal(0.5, ClassificationMetrics.RocAuc([0.5, 0.5], [true, false]), 12);
    }

    [Fact]
    public void AveragePrecision_SixCustomers_MeanPrecisionAtEachChurner()
    {
        // Churners at ranks 1, 3, 5: precision 1/1, 2/3, 3/5.
        Assert.Equal((1 + (2.0 / 3) + (3.0 / 5)) / 3, ClassificationMetrics.AveragePrecision(Probabilities, Labels), 12);
    }

    [Fact]
    public void MaxF1Threshold_SixCustomers_PicksTheCutWithBestF1()
    {
        // F1 = 2·tp / (predicted + 3) at each cut: 0.5, 0.4, 0.667, 0.571, 0.75 (at 0.4), 0.667.
        Assert.Equal(0.4, ClassificationMetrics.MaxF1Threshold(Probabilities, Labels));
    }

    [Fact]
    public void Measure_ThresholdHalf_CountsAndProbabilityScores()
    {
        var metrics = ClassificationMetrics.Measure(Probabilities, Labels, 0.5);

        // At 0.5: tp = 2 (0.9, 0.7), fp = 2 (0.8, 0.6), fn = 1 (0.4), tn = 1 (0.2).
        Assert.Equal(6, metrics.Examples);
        Assert.Equal(3, metrics.Churned);
        Assert.Equal(0.5, metrics.Precision, 12);
        Assert.Equal(2.0 / 3, metrics.Recall, 12);
        Assert.Equal(2 * 0.5 * (2.0 / 3) / (0.5 + (2.0 / 3)), metrics.F1, 12);
        Assert.Equal(0.5, metrics.Accuracy, 12);
        Assert.Equal((0.01 + 0.64 + 0.09 + 0.36 + 0.36 + 0.04) / 6, metrics.BrierScore, 12);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.2) + Math.Log(0.7) + Math.Log(0.4) + Math.Log(0.4) + Math.Log(0.8)) / 6, metrics.LogLoss, 12);
    }

    [Fact]
    public void Measure_TwentyCustomers_TenReliabilityBinsOfTwo()
    {
        var probabilities = Enumerable.Range(0, 20).Select(i => i / 20.0).ToArray();
        var labels = Enumerable.Range(0, 20).Select(i => i >= 10 && i % 2 == 1).ToArray();

        var bins = ClassificationMetrics.Measure(probabilities, labels, 0.5).Reliability;

        Assert.Equal(10, bins.Count);
        Assert.All(bins, b => Assert.Equal(2, b.Count));
        Assert.Equal(0.025, bins[0].MeanPredicted, 12);
        Assert.Equal(0, bins[0].ObservedRate);
        Assert.Equal(0.925, bins[9].MeanPredicted, 12);
        Assert.Equal(0.5, bins[9].ObservedRate);
    }
}
