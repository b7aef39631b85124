namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>Binary classification metrics from predicted probabilities and true labels.</summary>
internal static class ClassificationMetrics
{
    private const double Epsilon = 1e-15;

    public static ChurnMetrics Measure(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, double threshold)
    {
        var n = probabilities.Count;
        var positives = labels.Count(l => l);
        var (tp, fp, fn, tn) = (0, 0, 0, 0);
        double logLoss = 0, brier = 0;
        for (var i = 0; i < n; i++)
        {
            var p = probabilities[i];
            var predicted = p >= threshold;
            (tp, fp, fn, tn) = (predicted, labels[i]) switch
            {
                (true, true) => (tp + 1, fp, fn, tn),
                (true, false) => (tp, fp + 1, fn, tn),
                (false, true) => (tp, fp, fn + 1, tn),
                _ => (tp, fp, fn, tn + 1),
            };
            var clamped = Math.Clamp(p, Epsilon, 1 - Epsilon);
            logLoss -= labels[i] ? Math.Log(clamped) : Math.Log(1 - clamped);
            brier += Math.Pow(p - (labels[i] ? 1 : 0), 2);
        }

        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ChurnMetrics(
            n, positives, RocAuc(probabilities, labels), AveragePrecision(probabilities, labels), threshold,
            f1, precision, recall, n == 0 ? 0 : (double)(tp + tn) / n, n == 0 ? 0 : logLoss / n, n == 0 ? 0 : brier / n,
            Reliability(probabilities, labels));
    }

    /// <summary>The threshold (one of the probabilities) with the highest F1; ties go to the higher threshold.</summary>
    public static double MaxF1Threshold(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var order = Enumerable.Range(0, probabilities.Count).OrderByDescending(i => probabilities[i]).ToArray();
        double best = -1, bestThreshold = 0.5;
        var tp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            tp += labels[order[k]] ? 1 : 0;
            if (k + 1 < order.Length && probabilities[order[k + 1]] == probabilities[order[k]])
            {
                continue;
            }

            var f1 = 2.0 * tp / (k + 1 + positives);
            if (f1 > best)
            {
                (best, bestThreshold) = (f1, probabilities[order[k]]);
            }
        }

        return bestThreshold;
    }

    /// <summary>ROC AUC as the probability that a random churner ranks above a random stayer (ties count half).</summary>
    public static double RocAuc(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, probabilities.Count).OrderBy(i => probabilities[i]).ToArray();
        double rankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && probabilities[order[end + 1]] == probabilities[order[start]])
            {
                end++;
            }

            var meanRank = (start + end + 2) / 2.0;
            for (var k = start; k <= end; k++)
            {
                rankSum += labels[order[k]] ? meanRank : 0;
            }

            start = end + 1;
        }

        double pos = labels.Count(l => l), neg = labels.Count - pos;
        return pos == 0 || neg == 0 ? double.NaN : (rankSum - (pos * (pos + 1) / 2)) / (pos * neg);
    }

    /// <summary>Average precision: the mean of the precision at each churner's rank (tied predictions form one step).</summary>
    public static double AveragePrecision(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var order = Enumerable.Range(0, probabilities.Count).OrderByDescending(i => probabilities[i]).ToArray();
        double sum = 0;
        int tp = 0, previousTp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            tp += labels[order[k]] ? 1 : 0;
            if (k + 1 < order.Length && probabilities[order[k + 1]] == probabilities[order[k]])
            {
                continue;
            }

            sum += (tp - previousTp) * ((double)tp / (k + 1));
            previousTp = tp;
        }

        return positives == 0 ? double.NaN : sum / positives;
    }

    private static List<ReliabilityBin> Reliability(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, probabilities.Count).OrderBy(i => probabilities[i]).ToArray();
        var bins = new List<ReliabilityBin>();
        for (var d = 0; d < 10; d++)
        {
            var members = order[(d * order.Length / 10)..((d + 1) * order.Length / 10)];
            if (members.Length > 0)
            {
                bins.Add(new ReliabilityBin(d + 1, members.Length, members.Average(i => probabilities[i]), members.Average(i => labels[i] ? 1.0 : 0.0)));
            }
        }

        return bins;
    }
}
