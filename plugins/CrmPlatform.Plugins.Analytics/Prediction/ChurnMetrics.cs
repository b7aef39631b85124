namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>How well the churn model does on customers it did not train on (the hold-out).</summary>
/// <param name="Examples">Hold-out customers.</param>
/// <param name="Churned">Hold-out customers who churned.</param>
/// <param name="RocAuc">Area under the ROC curve (0.5 = chance, 1 = perfect ranking).</param>
/// <param name="PrAuc">Area under the precision–recall curve (average precision).</param>
/// <param name="Threshold">The probability from which a customer counts as at risk (chosen on training data).</param>
/// <param name="F1">F1 at <paramref name="Threshold"/>.</param>
/// <param name="Precision">Precision at <paramref name="Threshold"/>.</param>
/// <param name="Recall">Recall at <paramref name="Threshold"/>.</param>
/// <param name="Accuracy">Accuracy at <paramref name="Threshold"/>.</param>
/// <param name="LogLoss">Mean log loss of the probabilities (natural log).</param>
/// <param name="BrierScore">Mean squared error of the probabilities.</param>
/// <param name="Reliability">Predicted against observed churn rate per decile of prediction.</param>
public sealed record ChurnMetrics(
    int Examples,
    int Churned,
    double RocAuc,
    double PrAuc,
    double Threshold,
    double F1,
    double Precision,
    double Recall,
    double Accuracy,
    double LogLoss,
    double BrierScore,
    IReadOnlyList<ReliabilityBin> Reliability);
