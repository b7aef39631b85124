namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>What a trained churn model is: when and on what it was trained, its threshold, features and hold-out metrics.</summary>
/// <remarks>Serialises with System.Text.Json for storage next to the model's bytes.</remarks>
/// <param name="Version">Identifies the model (from its training time).</param>
/// <param name="TrainedAt">When it was trained.</param>
/// <param name="TrainingExamples">Customers it trained on.</param>
/// <param name="HoldOutExamples">Customers held out to measure it.</param>
/// <param name="ChurnedExamples">Churned customers among all examples.</param>
/// <param name="Threshold">The probability from which a customer is at risk (maximises F1 on the training data).</param>
/// <param name="FeatureNames">The model's input slots: numbers, their missing indicators and one-hot <c>name=value</c> slots.</param>
/// <param name="Metrics">Measured on the hold-out.</param>
/// <param name="TrainingMilliseconds">How long training took.</param>
public sealed record ChurnModelVersion(
    string Version,
    DateTimeOffset TrainedAt,
    int TrainingExamples,
    int HoldOutExamples,
    int ChurnedExamples,
    double Threshold,
    IReadOnlyList<string> FeatureNames,
    ChurnMetrics Metrics,
    long TrainingMilliseconds);
