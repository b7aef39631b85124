using static CrmPlatform.Host.Tests.Plugins.Analytics.AnalyticsHost;

namespace CrmPlatform.Host.Tests.Plugins.Analytics;

/// <summary>
/// Churn training run on demand in a real host: the plugin's ML model trains inside its own load context,
/// every customer gets a churn risk, customers above the threshold a churn alert, and the next event is
/// scored with the stored model.
/// </summary>
public sealed class AnalyticsChurnTests
{
    [Fact]
    public async Task TrainChurn_OnDemand_ScoresEveryCustomerAndAlertsAboveTheThreshold()
    {
        await using var host = await StartEnabledAsync();
        const int Customers = 240;
        for (var i = 0; i < Customers; i++)
        {
            var small = i % 2 == 0;
            var id = $"t-{i:D3}";
            await PostAsync(host, "api/customers", new
            {
                id, kind = "person", firstName = "T", lastName = $"{i}",
                attributes = new { industry = small ? "retail" : "banking", employees = 5 + (i % 7) },
            });
            if (small ? i % 10 != 0 : i % 10 == 1)
            {
                await PostAsync(host, $"api/customers/{id}/stage", new { to = "terminated", reason = "left" });
            }
        }

        await WaitForLagZeroAsync(host);
        var outcome = await RunJobAsync(host, "train-churn");

        TestContext.Current.SendDiagnosticMessage($"train-churn over {Customers} customers: {outcome.GetProperty("durationMs").GetDouble():0} ms");
        var risk = await InsightAsync(host, "t-002", "churn-risk");
        Assert.NotNull(risk);
        Assert.Contains("attr.industry", Label(risk.Value), StringComparison.Ordinal);
        var retailRisk = Value(risk.Value)!.Value;
        var bankingRisk = Value((await InsightAsync(host, "t-003", "churn-risk"))!.Value)!.Value;
        Assert.True(retailRisk > bankingRisk, $"retail {retailRisk} should be riskier than banking {bankingRisk}");
        Assert.Equal("above-threshold", Label((await InsightAsync(host, "t-002", "churn-alert"))!.Value));
        Assert.Null(await InsightAsync(host, "t-003", "churn-alert"));
        Assert.NotNull(await InsightAsync(host, $"t-{Customers - 1:D3}", "churn-risk"));

        await PostAsync(host, "api/customers", new { id = "t-new", kind = "person", firstName = "N", lastName = "Ew", attributes = new { industry = "retail", employees = 6 } });
        // How soon is a figure for the benchmark, not an assertion here: on a loaded machine it varies tenfold.
        var elapsed = await WaitForInsightAsync(host, "t-new", "churn-risk", insight => Value(insight) > 0.5);
        TestContext.Current.SendDiagnosticMessage($"churn-risk of a new customer after {elapsed.TotalMilliseconds:0} ms");
    }
}
