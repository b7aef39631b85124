using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Plugins.Analytics.Jobs;
using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.Plugins.Analytics.Reports;

/// <summary>
/// <c>churn-models</c>: every churn model trained, oldest first, with its hold-out metrics; the notes give the
/// current model's calibration by decile and the figures of the last training run.
/// </summary>
public sealed class ChurnModelsReport(ChurnModelStore models, AnalyticsRuns runs) : IReport
{
    /// <inheritdoc />
    public string Name => "churn-models";

    /// <inheritdoc />
    public string Title => "Churn models and their metrics";

    /// <inheritdoc />
    public async Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReportColumn> columns =
        [
            ReportText.Text("version", "The model version"),
            new("trainedAt", ReportColumnType.Timestamp, "When it was trained"),
            new("current", ReportColumnType.Boolean, "Whether it scores customers now"),
            ReportText.Whole("trainingExamples", "Customers it trained on"),
            ReportText.Whole("holdOutExamples", "Customers held out to measure it"),
            ReportText.Whole("churnedExamples", "Churned customers among all examples"),
            ReportText.Number("rocAuc", "Area under the ROC curve on the hold-out"),
            ReportText.Number("prAuc", "Area under the precision-recall curve on the hold-out"),
            ReportText.Number("f1", "F1 at the model's threshold"),
            ReportText.Number("precision", "Precision at the threshold"),
            ReportText.Number("recall", "Recall at the threshold"),
            ReportText.Number("brierScore", "Mean squared error of the probabilities (calibration; lower is better)"),
            ReportText.Number("logLoss", "Mean log loss"),
            ReportText.Number("threshold", "The model's at-risk probability (maximum F1 on training data)"),
            ReportText.Whole("trainingMs", "Training time in milliseconds"),
        ];
        var versions = await models.VersionsAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return ReportText.Empty(columns, "No churn model has been trained yet: run the train-churn job.");
        }

        var current = await models.CurrentVersionAsync(cancellationToken);
        var rows = versions.Select(v => (IReadOnlyList<object?>)
        [
            v.Version, v.TrainedAt, v.Version == current, (long)v.TrainingExamples, (long)v.HoldOutExamples, (long)v.ChurnedExamples,
            v.Metrics.RocAuc, v.Metrics.PrAuc, v.Metrics.F1, v.Metrics.Precision, v.Metrics.Recall, v.Metrics.BrierScore, v.Metrics.LogLoss,
            v.Threshold, v.TrainingMilliseconds,
        ]).ToList();
        var notes = new List<string>();
        if (versions.FirstOrDefault(v => v.Version == current) is { } model)
        {
            notes.Add("Calibration of the current model (hold-out, by decile of predicted risk): "
                + string.Join("; ", model.Metrics.Reliability.Select(b => $"decile {b.Decile}: predicted {b.MeanPredicted:0.000}, observed {b.ObservedRate:0.000}")));
        }

        if (await runs.LastRunAsync(AnalyticsRuns.TrainChurn, cancellationToken) is { } run)
        {
            notes.Add(run.Succeeded
                ? $"Last training run {run.StartedAt:u}: {run.Customers} customers; training {run.TrainingMilliseconds:0} ms, scoring {run.ScoringMilliseconds:0} ms, writing insights {run.WritingMilliseconds:0} ms ({run.InsightsWritten} written), total {run.TotalMilliseconds:0} ms."
                : $"Last training run {run.StartedAt:u} did not train: {run.Detail}");
        }

        return new ReportTable(columns, rows, notes);
    }
}
