using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Testing;

namespace Contoso.Crm.Loyalty.Tests;

public sealed class LoyaltyPluginTests : IAsyncDisposable
{
    private readonly PluginTestHost _host = PluginTestHost.FromManifestFile<LoyaltyPlugin>("plugin.json");

    [Fact]
    public async Task OrderPlaced_AwardsFlooredPoints_AndWritesTheBalanceAsInsight()
    {
        var result = await _host.DeliverAsync("c-1", Order("o-1", 250.75m), TestContext.Current.CancellationToken);

        var call = Assert.Single(result.Calls);
        Assert.Equal("SetInsightAsync", call.Method);
        Assert.Equal(["loyalty-points", 250d, null], call.Arguments);
        Assert.Equal($"plugin:contoso.loyalty:{result.Envelope.EventId:N}:1", call.IdempotencyKey);
        Assert.Equal(CrmStatus.Accepted, call.Result!.Status);
    }

    [Fact]
    public async Task OrderPlaced_WithPointsPerUnitSetting_MultipliesTheAmount()
    {
        _host.SetSettingsJson("""{ "pointsPerUnit": 2.5 }""");

        var result = await _host.DeliverAsync("c-1", Order("o-1", 101m), TestContext.Current.CancellationToken);

        Assert.Equal(252d, Assert.Single(result.Calls).Arguments[1]);
    }

    [Fact]
    public async Task OrderPlaced_Redelivered_IsNotCountedTwice_AndItsWritesReplay()
    {
        var first = await _host.DeliverAsync("c-1", Order("o-1", 300m), TestContext.Current.CancellationToken);

        var again = await _host.DeliverAsync(first.Envelope, attempt: 2, TestContext.Current.CancellationToken);

        var call = Assert.Single(again.Calls);
        Assert.Equal(first.Calls[0].IdempotencyKey, call.IdempotencyKey);
        Assert.Equal(CrmStatus.Replayed, call.Result!.Status);
        Assert.Equal(300d, call.Arguments[1]);
        var next = await _host.DeliverAsync("c-1", Order("o-2", 1m), TestContext.Current.CancellationToken);
        Assert.Equal(301d, Assert.Single(next.Calls).Arguments[1]);
    }

    [Fact]
    public async Task OrderPlaced_CrossingGoldThreshold_TagsTheCustomerOnce()
    {
        await _host.DeliverAsync("c-1", Order("o-1", 900m), TestContext.Current.CancellationToken);

        var crossing = await _host.DeliverAsync("c-1", Order("o-2", 150m), TestContext.Current.CancellationToken);
        var above = await _host.DeliverAsync("c-1", Order("o-3", 10m), TestContext.Current.CancellationToken);

        Assert.Equal(["SetInsightAsync", "AddTagsAsync"], crossing.Calls.Select(c => c.Method));
        Assert.Equal(["loyalty-gold"], Assert.IsAssignableFrom<IReadOnlyList<string>>(crossing.Calls[1].Arguments[0]));
        Assert.Equal($"plugin:contoso.loyalty:{crossing.Envelope.EventId:N}:2", crossing.Calls[1].IdempotencyKey);
        Assert.Equal(["SetInsightAsync"], above.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task OrderCancelled_TakesBackWhatTheOrderEarned()
    {
        _host.SetSettings(new LoyaltySettings { PointsPerUnit = 2 });
        await _host.DeliverAsync("c-1", Order("o-1", 100m), TestContext.Current.CancellationToken);
        await _host.DeliverAsync("c-1", Order("o-2", 40m), TestContext.Current.CancellationToken);

        var result = await _host.DeliverAsync("c-1", new OrderCancelled("o-1", 100m, "EUR", "Changed their mind."), TestContext.Current.CancellationToken);

        Assert.Equal(80d, Assert.Single(result.Calls).Arguments[1]);
    }

    [Fact]
    public async Task OtherEvents_AreNotDelivered()
    {
        var result = await _host.DeliverAsync("c-1", new TagsChanged(["vip"], []), TestContext.Current.CancellationToken);

        Assert.Empty(result.Delivered);
        Assert.Contains("does not subscribe", Assert.Single(result.Skipped).Reason, StringComparison.Ordinal);
        Assert.Empty(_host.Crm.Calls);
    }

    [Fact]
    public async Task CreditLimitHook_OrderAboveTheLimit_IsVetoed()
    {
        var result = await _host.RunHooksAsync("c-1", null, Order("o-1", 12_000m));

        Assert.True(result.IsVeto);
        Assert.Equal("Order amount 12000 EUR exceeds the credit limit of 10000.", result.VetoReason);
        Assert.Equal(CrmPlatform.Sdk.Hooks.HookFailure.Veto, Assert.Single(result.Outcomes).OnFailure);
    }

    [Fact]
    public async Task CreditLimitHook_OrderWithinTheLimit_IsAllowed()
    {
        _host.SetSettingsJson("""{ "creditLimit": 500 }""");

        var result = await _host.RunHooksAsync("c-1", null, Order("o-1", 500m));

        Assert.False(result.IsVeto);
        Assert.Single(result.Outcomes);
    }

    [Fact]
    public void Settings_OutOfRange_AreRefused()
    {
        var error = Assert.Throws<InvalidPluginSettingsException>(() => _host.SetSettingsJson("""{ "pointsPerUnit": 5000 }"""));

        Assert.Contains("PointsPerUnit", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_WithUnknownMember_AreRefused()
    {
        Assert.Throws<InvalidPluginSettingsException>(() => _host.SetSettingsJson("""{ "pointsPerEuro": 2 }"""));
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static OrderPlaced Order(string orderId, decimal amount) => new(orderId, amount, "EUR", []);
}
