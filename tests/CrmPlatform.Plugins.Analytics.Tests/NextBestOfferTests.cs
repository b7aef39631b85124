using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Plugins.Analytics.Jobs;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Time.Testing;
using static CrmPlatform.Plugins.Analytics.Tests.AnalyticsTestHost;

namespace CrmPlatform.Plugins.Analytics.Tests;

public sealed class NextBestOfferTests
{
    [Fact]
    public async Task Refresh_BasketsWithAPattern_OffersTheUsualCompanionAndUpdatesItOnTheNextOrder()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);
        // Ten customers bought a kit: eight with its manual, two with gloves.
        for (var i = 0; i < 10; i++)
        {
            await host.DeliverAsync($"c-{i}", Basket($"o-{i}", "kit", i < 8 ? "manual" : "gloves"), Cancel);
        }

        await host.DeliverAsync("new", Basket("o-new", "kit"), Cancel);
        await host.RunJobAsync(AnalyticsRuns.Refresh, Cancel);

        // Eleven kit buyers (with the new customer), eight of whom bought the manual.
        Assert.Equal(("manual", 0.727), Offer("new"));
        Assert.Equal(("manual", 0.727), Offer("c-9"));
        Assert.Equal(("gloves", 0.182), Offer("c-0"));

        await host.DeliverAsync("new", Basket("o-new-2", "manual"), Cancel);

        Assert.Equal(("gloves", 0.182), Offer("new"));
        var population = await host.State.GetAsync<PopulationSnapshot>(PopulationSnapshot.Key, Cancel);
        Assert.Equal(("manual", "kit", 1.0), (population!.OfferRules[0].Antecedent, population.OfferRules[0].Consequent, population.OfferRules[0].Confidence));

        (string?, double?) Offer(string customer) =>
            Last(host, customer, InsightNames.NextBestOffer) is { } o ? (o.Label, o.Value) : (null, null);
    }

    private static OrderPlaced Basket(string id, params string[] skus) =>
        new(id, 10m * skus.Length, "EUR", [.. skus.Select(sku => new OrderLine(sku, null, 1m, 10m))]);
}
