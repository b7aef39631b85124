using CrmPlatform.Host.Reports;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Host.Tests.Infrastructure.Events;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>The report queries every read model must answer alike (SQLite and PostgreSQL).</summary>
public abstract partial class CustomerReadModelContractTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task CountByStageAsync_CustomersInStages_CountsEachStageOnce()
    {
        var model = await OpenAsync();
        var a = new EventSequence("a", this);
        var b = new EventSequence("b", this);
        var c = new EventSequence("c", this);
        await model.ApplyAsync(
            [
                a.Next(Person("A", "A")), b.Next(Person("B", "B")), c.Next(Person("C", "C")),
                a.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth)),
                b.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Terminated)),
            ],
            Checkpoint, "EUR", Cancel);

        var counts = (await Reports(model).CountByStageAsync(Cancel)).OrderBy(s => s.Stage).ToArray();

        Assert.Equal([new StageCount(LifecycleStage.Prospect, 1), new StageCount(LifecycleStage.Growth, 1), new StageCount(LifecycleStage.Terminated, 1)], counts);
    }

    [Fact]
    public async Task ReadCohortsAsync_RegistrationsAndTerminations_CohortsByUtcMonthAndHistoriesOfTerminatedOnly()
    {
        var model = await OpenAsync();
        var jan = new DateTimeOffset(2025, 1, 31, 23, 30, 0, TimeSpan.FromHours(-2)); // 1 February 01:30 UTC
        var a = new EventSequence("a", this);
        var b = new EventSequence("b", this);
        var c = new EventSequence("c", this);
        var batch = new[]
        {
            a.Next(Person("A", "A"), T0 - (40 * Day)),
            b.Next(Person("B", "B"), T0 - (40 * Day)),
            c.Next(Person("C", "C"), jan),
            a.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Terminated), T0),
            a.Next(Stage(LifecycleStage.Terminated, LifecycleStage.Growth), T0 + Day),
            b.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth), T0),
        };
        await model.ApplyAsync(batch, Checkpoint, "EUR", Cancel);
        await model.ApplyAsync(batch, Checkpoint, "EUR", Cancel);

        var facts = await Reports(model).ReadCohortsAsync(Cancel);

        Assert.Equal([new CohortSize("2025-01", 2), new CohortSize("2025-02", 1)], facts.Cohorts);
        var history = Assert.Single(facts.EverTerminated);
        Assert.Equal("a", history.CustomerId);
        Assert.Equal(T0 - (40 * Day), history.RegisteredAt);
        Assert.Equal([new StageChange(T0, LifecycleStage.Terminated), new StageChange(T0 + Day, LifecycleStage.Growth)], history.Changes);
    }

    [Fact]
    public async Task ListInsightsAsync_InsightsRewrittenAndReplayed_LatestPerCustomerAndNameFiltered()
    {
        var model = await OpenAsync();
        var a = new EventSequence("a", this);
        var b = new EventSequence("b", this);
        EventEnvelope[] batch =
        [
            a.Next(Person("A", "A")), b.Next(Person("B", "B")),
            a.Next(new InsightUpdated("churn-risk", 0.25, "Low", "analytics"), T0 + Day),
            a.Next(new InsightUpdated("churn-risk", 0.75, "High", "analytics"), T0 + (2 * Day)),
            a.Next(new InsightUpdated("value-tier", null, "VIP", "tiers"), T0 + (2 * Day)),
            b.Next(new InsightUpdated("churn-risk", 0.5, null, "analytics"), T0 + (3 * Day)),
        ];
        await model.ApplyAsync(batch, Checkpoint, "EUR", Cancel);
        await model.ApplyAsync(batch[..3], Checkpoint, "EUR", Cancel);

        var all = await Reports(model).ListInsightsAsync(null, null, Cancel);
        var churn = await Reports(model).ListInsightsAsync("churn-risk", null, Cancel);
        var ofA = await Reports(model).ListInsightsAsync(null, "a", Cancel);

        InsightRow aChurn = new("a", "churn-risk", 0.75, "High", "analytics", T0 + (2 * Day));
        InsightRow aTier = new("a", "value-tier", null, "VIP", "tiers", T0 + (2 * Day));
        InsightRow bChurn = new("b", "churn-risk", 0.5, null, "analytics", T0 + (3 * Day));
        Assert.Equal([aChurn, aTier, bChurn], all);
        Assert.Equal([aChurn, bChurn], churn);
        Assert.Equal([aChurn, aTier], ofA);
        Assert.Empty(await Reports(model).ListInsightsAsync("no-such-insight", null, Cancel));
    }

    private static IReportReadModel Reports(Host.Customers.ReadModel.ICustomerReadModel model) => Assert.IsAssignableFrom<IReportReadModel>(model);
}
