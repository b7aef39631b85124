using System.Globalization;
using System.Text.Json;
using static CrmPlatform.Benchmarks.Report;

namespace CrmPlatform.Benchmarks;

/// <summary>Runs and reports the churn phase: the analytics plugin's churn model on the Telco file, end to end through the platform.</summary>
internal static class ChurnPhase
{
    public static async Task RunAsync(List<string[]> goals)
    {
        var dataFile = TelcoChurnData.Find();
        Title($"6. Churn: {Path.GetFileName(dataFile)} imported, crm.analytics enabled, train-churn run on demand");
        ChurnResult result;
        await using (var host = await PlatformHost.StartAsync("churn", TelcoChurnData.AttributeArgs))
        {
            result = await ChurnBenchmark.RunAsync(host, dataFile);
            Progress("stopping the platform");
        }

        var metrics = result.Model.GetProperty("metrics");
        var run = result.Run;
        double M(string name) => metrics.GetProperty(name).GetDouble();
        double R(string name) => run.GetProperty(name).GetDouble();
        var customers = run.GetProperty("customers").GetInt32();
        Table("Churn model (ML.NET FastTree over the plugin's feature store; metrics on the stratified hold-out)",
        [
            ("data", $"{N(result.Imported)} customers imported in {S(result.ImportTime)}; plugin caught up (lag 0) {S(result.CatchUpTime)} after enabling"),
            ("model", $"{result.Model.GetProperty("version").GetString()}: {N(result.Model.GetProperty("trainingExamples").GetInt32())} training, {N(result.Model.GetProperty("holdOutExamples").GetInt32())} hold-out, {N(result.Model.GetProperty("churnedExamples").GetInt32())} churned"),
            ("ROC AUC", F(M("rocAuc"))),
            ("PR AUC", F(M("prAuc"))),
            ("F1 (precision, recall) at threshold", $"{F(M("f1"))} ({F(M("precision"))}, {F(M("recall"))}) at {F(M("threshold"))}"),
            ("calibration: Brier score, log loss", $"{F(M("brierScore"))}, {F(M("logLoss"))}"),
            ("calibration by decile (predicted / observed)", string.Join("  ", metrics.GetProperty("reliability").EnumerateArray().Select(b => $"{F(b.GetProperty("meanPredicted").GetDouble(), "0.00")}/{F(b.GetProperty("observedRate").GetDouble(), "0.00")}"))),
            ("training time", Ms(R("trainingMilliseconds"))),
            ("time to score every customer", $"{Ms(R("scoringMilliseconds"))} for {N(customers)} customers"),
            ("time to write the insights back", $"{Ms(R("writingMilliseconds"))} ({N(run.GetProperty("insightsWritten").GetInt32())} insights: churn risk and alerts)"),
            ("whole on-demand run (HTTP round trip)", S(result.RunTime)),
        ]);
        goals.Add(["churn model ROC AUC (Telco hold-out)", F(M("rocAuc")), ">= 0.80", M("rocAuc") >= 0.80 ? "met" : "NOT MET"]);
    }

    private static string F(double value, string format = "0.000") => value.ToString(format, CultureInfo.InvariantCulture);
}
