using System.Text.Json;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Plugins.Analytics.Tests;

/// <summary>The analytics plugin in the SDK's test host, on a fake clock, with helpers to read the insights it wrote.</summary>
internal static class AnalyticsTestHost
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static PluginTestHost Create(FakeTimeProvider time) =>
        PluginTestHost.FromManifestFile<AnalyticsPlugin>("plugin.json", new PluginTestHostOptions { TimeProvider = time });

    /// <summary>The insight writes, as (customer, name, value, label), in call order.</summary>
    public static List<(string Customer, string Name, double? Value, string? Label)> InsightCalls(PluginTestHost host) =>
        [.. host.Crm.Calls.Where(c => c.Method == "SetInsightAsync")
            .Select(c => (c.CustomerId, (string)c.Arguments[0]!, (double?)c.Arguments[1], (string?)c.Arguments[2]))];

    /// <summary>The last value written of one insight of one customer.</summary>
    public static (double? Value, string? Label)? Last(PluginTestHost host, string customer, string name) =>
        InsightCalls(host).LastOrDefault(i => i.Customer == customer && i.Name == name) is { Name: not null } last ? (last.Value, last.Label) : null;

    public static CustomerRegistered Registered(params (string Name, object Value)[] attributes) =>
        new(CustomerKind.Person, "Ada", "Lovelace", null, null, [], [],
            attributes.ToDictionary(a => a.Name, a => JsonSerializer.SerializeToElement(a.Value)), "test");

    public static OrderPlaced Order(string id, decimal amount) => new(id, amount, "EUR", []);

    public static InteractionRecorded Interaction(string id, string channel = "email", InteractionDirection direction = InteractionDirection.Inbound) =>
        new(id, channel, direction, "subject", null);

    public static LifecycleStageChanged Stage(LifecycleStage from, LifecycleStage to) => new(from, to, "test", null);
}
