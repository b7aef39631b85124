using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Plugins.Analytics.Jobs;
using CrmPlatform.Plugins.Analytics.Prediction;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using static CrmPlatform.Plugins.Analytics.Tests.AnalyticsTestHost;

namespace CrmPlatform.Plugins.Analytics.Tests;

public sealed class AnalyticsJobsTests
{
    [Fact]
    public async Task Refresh_TenCustomers_TiersAndRfmWrittenThenNothingOnASecondRun()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);
        for (var i = 1; i <= 10; i++)
        {
            await host.DeliverAsync($"c-{i:D2}", Registered(), Cancel);
            await host.DeliverAsync($"c-{i:D2}", Order($"o-{i}", 10m * i), Cancel);
            time.Advance(TimeSpan.FromDays(1));
        }

        host.Crm.ClearCalls();
        await host.RunJobAsync(AnalyticsRuns.Refresh, Cancel);

        var population = await host.State.GetAsync<PopulationSnapshot>(PopulationSnapshot.Key, Cancel);
        Assert.Equal((10, 10, 550m), (population!.Customers, population.Buyers, population.Revenue));
        Assert.Equal("vip", Last(host, "c-10", InsightNames.ValueTier)!.Value.Label);
        Assert.Equal("small", Last(host, "c-01", InsightNames.ValueTier)!.Value.Label);
        Assert.Equal("515", Last(host, "c-10", InsightNames.Rfm)!.Value.Label);
        Assert.Equal("111", Last(host, "c-01", InsightNames.Rfm)!.Value.Label);
        var record = await host.State.GetAsync<JobRunRecord>("jobs/refresh", Cancel);
        // Tier, RFM and segment for each of the ten (lifetime value was written as the orders came).
        Assert.Equal((true, 10, 30), (record!.Succeeded, record.Customers, record.InsightsWritten));
        Assert.Equal(5, population.Segments.Count);
        Assert.Equal(10, population.Segments.Sum(s => s.Size));
        var segment = Last(host, "c-10", InsightNames.Segment)!.Value;
        Assert.Contains(population.Segments, s => s.Id == segment.Value && s.Description == segment.Label);

        host.Crm.ClearCalls();
        await host.RunJobAsync(AnalyticsRuns.Refresh, Cancel);

        Assert.Empty(InsightCalls(host));
    }

    [Fact]
    public async Task Order_AfterRefresh_TierMovesAgainstTheLastRunsCutoffs()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);
        for (var i = 1; i <= 10; i++)
        {
            await host.DeliverAsync($"c-{i:D2}", Order($"o-{i}", 10m * i), Cancel);
        }

        await host.RunJobAsync(AnalyticsRuns.Refresh, Cancel);
        Assert.Equal("small", Last(host, "c-01", InsightNames.ValueTier)!.Value.Label);

        await host.DeliverAsync("c-01", Order("o-big", 200m), Cancel);

        Assert.Equal(("vip", 210.0), (Last(host, "c-01", InsightNames.ValueTier)!.Value.Label, Last(host, "c-01", InsightNames.ValueTier)!.Value.Value));
    }

    [Fact]
    public async Task TrainChurn_LabelledCustomers_ModelStoredScoredAndAlertsWritten()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);
        await ChurnData.DeliverAsync(host, 400);
        host.Crm.ClearCalls();

        await host.RunJobAsync(AnalyticsRuns.TrainChurn, Cancel);

        var versions = host.State.Entries.Keys.Where(k => k.StartsWith("churn/versions/", StringComparison.Ordinal)).ToList();
        var version = await host.State.GetAsync<ChurnModelVersion>(Assert.Single(versions), Cancel);
        Assert.True(version!.Metrics.RocAuc > 0.7, $"ROC AUC {version.Metrics.RocAuc}");
        var risks = InsightCalls(host).Where(i => i.Name == InsightNames.ChurnRisk).ToList();
        Assert.Equal(400, risks.Count);
        Assert.All(risks, r => Assert.False(string.IsNullOrEmpty(r.Label)));
        Assert.Contains(risks, r => r.Label!.Contains("attr.contract", StringComparison.Ordinal));
        var alerts = InsightCalls(host).Where(i => i.Name == InsightNames.ChurnAlert).ToList();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Equal(InsightNames.AboveThreshold, a.Label));
        Assert.All(alerts, a => Assert.True(a.Value >= 0.5));
        var record = await host.State.GetAsync<JobRunRecord>("jobs/train-churn", Cancel);
        Assert.True(record!.TrainingMilliseconds >= 0 && record.Customers == 400);
    }

    [Fact]
    public async Task TrainChurn_Twice_KeepsBothVersionsMetricsAndOnlyTheCurrentModel()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);
        await ChurnData.DeliverAsync(host, 300);
        await host.RunJobAsync(AnalyticsRuns.TrainChurn, Cancel);
        time.Advance(TimeSpan.FromHours(1));
        host.Crm.ClearCalls();

        await host.RunJobAsync(AnalyticsRuns.TrainChurn, Cancel);

        Assert.Equal(2, host.State.Entries.Keys.Count(k => k.StartsWith("churn/versions/", StringComparison.Ordinal)));
        var current = await host.State.GetAsync<string>("churn/current", Cancel);
        Assert.Equal(["churn/model/" + current], host.State.Entries.Keys.Where(k => k.StartsWith("churn/model/", StringComparison.Ordinal)));
        // Same data, same seed: the same scores, so nothing to write again.
        Assert.Empty(InsightCalls(host));
    }

    [Fact]
    public async Task Event_ThresholdRaisedAboveTheRisk_AlertGoesBelowThreshold()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);
        await ChurnData.DeliverAsync(host, 300);
        await host.RunJobAsync(AnalyticsRuns.TrainChurn, Cancel);
        var alerted = InsightCalls(host).First(i => i.Name == InsightNames.ChurnAlert).Customer;
        host.SetSettings(new AnalyticsSettings { ChurnRiskThreshold = 0.999 });
        host.Crm.ClearCalls();

        await host.DeliverAsync(alerted, Interaction("i-late"), Cancel);

        Assert.Equal(InsightNames.BelowThreshold, Last(host, alerted, InsightNames.ChurnAlert)!.Value.Label);
        Assert.Equal(alerted, Assert.Single(InsightCalls(host), i => i.Name == InsightNames.ChurnAlert).Customer);
    }

    [Fact]
    public async Task TrainChurn_NobodyChurned_FailsAndScheduleRecordsWhy()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);
        for (var i = 0; i < 20; i++)
        {
            await host.DeliverAsync($"c-{i}", Registered(("contract", "One year")), Cancel);
        }

        await Assert.ThrowsAnyAsync<ArgumentException>(() => host.RunJobAsync(AnalyticsRuns.TrainChurn, Cancel));
        await host.RunJobAsync("schedule", Cancel);

        var record = await host.State.GetAsync<JobRunRecord>("jobs/train-churn", Cancel);
        Assert.False(record!.Succeeded);
        Assert.Contains("churned", record.Detail, StringComparison.Ordinal);
        Assert.True((await host.State.GetAsync<JobRunRecord>("jobs/refresh", Cancel))!.Succeeded);
    }
}

/// <summary>Customers whose churn follows their contract, with some noise: month-to-month customers mostly leave.</summary>
internal static class ChurnData
{
    public static async Task DeliverAsync(PluginTestHost host, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var monthly = i % 2 == 0;
            var id = $"c-{i:D4}";
            await host.DeliverAsync(id, Registered(("contract", monthly ? "Month-to-month" : "Two year"), ("monthlyCharges", 20 + (i % 7) * 10)), Cancel);
            var churns = monthly ? i % 10 != 0 : i % 10 == 1;
            if (churns)
            {
                await host.DeliverAsync(id, Stage(LifecycleStage.Growth, LifecycleStage.Terminated), Cancel);
            }
        }
    }
}
