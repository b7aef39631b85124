namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>How the churn model is trained: the boosted trees' shape, the hold-out and the seed.</summary>
/// <remarks>The defaults suit a few thousand customers with a few dozen features.</remarks>
public sealed record ChurnTrainingOptions
{
    /// <summary>Leaves per tree.</summary>
    public int NumberOfLeaves { get; init; } = 8;

    /// <summary>Number of boosted trees.</summary>
    public int NumberOfTrees { get; init; } = 100;

    /// <summary>Boosting learning rate (shrinkage).</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Fewest training examples a leaf may hold.</summary>
    public int MinimumExampleCountPerLeaf { get; init; } = 100;

    /// <summary>Share of each class held out from training to measure the model (0.2 = 20 %).</summary>
    public double HoldOutFraction { get; init; } = 0.2;

    /// <summary>Most values of one category that get their own one-hot slot (the most frequent ones); rarer values encode as unseen.</summary>
    public int MaxValuesPerCategory { get; init; } = 20;

    /// <summary>Seed for the hold-out and the trainer: the same data and options give the same model.</summary>
    public int Seed { get; init; } = 42;
}
