using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Time.Testing;
using static CrmPlatform.Plugins.Analytics.Tests.AnalyticsTestHost;

namespace CrmPlatform.Plugins.Analytics.Tests;

public sealed class CustomerEventsHandlerTests
{
    [Fact]
    public async Task HandleAsync_RegisteredAndOrder_UpdatesFeaturesAndWritesLifetimeValue()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);

        await host.DeliverAsync("c-1", Registered(("contract", "Month-to-month"), ("tenure", 3), ("paperless", true)), Cancel);
        await host.DeliverAsync("c-1", Order("o-1", 120m), Cancel);

        var entry = await host.State.GetAsync<CustomerFeatureState>("features/c-1", Cancel);
        Assert.NotNull(entry);
        Assert.Equal((1, 120m, 2L), (entry.Orders, entry.Revenue, entry.LastSequence));
        Assert.Equal("Month-to-month", entry.CategoricalAttributes["contract"]);
        Assert.Equal((3.0, 1.0), (entry.NumericAttributes["tenure"], entry.NumericAttributes["paperless"]));
        Assert.Equal((120.0, (string?)null), Last(host, "c-1", InsightNames.ClvHistorical));
        // One order in the minimum 90-day window: 120 × (365.25 / 90) a year, for 1 / 0.2 = 5 years.
        Assert.Equal(Math.Round(120 * 365.25 / 90 * 5, 2), Last(host, "c-1", InsightNames.ClvPredicted)!.Value.Value!.Value, 2);
        Assert.Null(Last(host, "c-1", InsightNames.ValueTier));
        Assert.Null(Last(host, "c-1", InsightNames.ChurnRisk));
    }

    [Fact]
    public async Task HandleAsync_Redelivery_CountsTheOrderOnceAndWritesNothing()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);
        await host.DeliverAsync("c-1", Registered(), Cancel);
        var order = host.NewEnvelope("c-1", Order("o-1", 50m));
        await host.DeliverAsync(order, 1, Cancel);
        host.Crm.ClearCalls();

        await host.DeliverAsync(order, 2, Cancel);

        Assert.Empty(InsightCalls(host));
        Assert.Equal(1, (await host.State.GetAsync<CustomerFeatureState>("features/c-1", Cancel))!.Orders);
    }

    [Fact]
    public async Task HandleAsync_EventThatChangesNoValue_WritesNoInsight()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);
        await host.DeliverAsync("c-1", Registered(), Cancel);
        await host.DeliverAsync("c-1", Order("o-1", 50m), Cancel);
        host.Crm.ClearCalls();

        await host.DeliverAsync("c-1", Interaction("i-1"), Cancel);

        Assert.Empty(InsightCalls(host));
        var entry = await host.State.GetAsync<CustomerFeatureState>("features/c-1", Cancel);
        Assert.Equal(1, entry!.InteractionsByChannel["email"]);
    }

    [Fact]
    public async Task HandleAsync_BatchOfSeveralCustomers_EachGetsItsOwnFeatures()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);

        await host.DeliverBatchAsync(
            [
                host.NewEnvelope("a", Registered()), host.NewEnvelope("b", Registered()), host.NewEnvelope("a", Order("o-1", 10m)),
                host.NewEnvelope("b", Order("o-2", 30m)), host.NewEnvelope("a", Order("o-3", 5m)),
                host.NewEnvelope("b", new CaseOpened("k-1", CaseKind.Complaint, CasePriority.High, "late", null)),
                host.NewEnvelope("b", Stage(LifecycleStage.Growth, LifecycleStage.Terminated)),
            ],
            1,
            Cancel);

        var a = await host.State.GetAsync<CustomerFeatureState>("features/a", Cancel);
        var b = await host.State.GetAsync<CustomerFeatureState>("features/b", Cancel);
        Assert.Equal((2, 15m, false), (a!.Orders, a.Revenue, a.Churned));
        Assert.Equal((1, 30m, 1, true, LifecycleStage.Terminated), (b!.Orders, b.Revenue, b.Complaints, b.Churned, b.Stage));
        Assert.Equal((15.0, (string?)null), Last(host, "a", InsightNames.ClvHistorical));
        Assert.Equal((30.0, (string?)null), Last(host, "b", InsightNames.ClvHistorical));
    }

    [Fact]
    public async Task ToVector_StageIsNeverAFeature_AttributesArePrefixed()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);
        await host.DeliverAsync("c-1", Registered(("contract", "One year"), ("monthlyCharges", 29.85)), Cancel);
        await host.DeliverAsync("c-1", Stage(LifecycleStage.Prospect, LifecycleStage.Terminated), Cancel);
        var entry = await host.State.GetAsync<CustomerFeatureState>("features/c-1", Cancel);

        var vector = FeatureVectors.ToVector(entry!, Start);

        Assert.Equal("One year", vector.Categories["attr.contract"]);
        Assert.Equal(29.85, vector.Numbers["attr.monthlyCharges"]);
        Assert.DoesNotContain(vector.Numbers.Keys, k => k.Contains("stage", StringComparison.OrdinalIgnoreCase) || k.Contains("churn", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(vector.Categories.Keys, k => k.Contains("stage", StringComparison.OrdinalIgnoreCase));
        Assert.False(vector.Numbers.ContainsKey("recency.days"));
        Assert.True(entry!.Churned);
    }
}
