using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Hooks;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.Testing;
using CrmPlatform.Sdk.Tests.Testing.Plugins.Hooks;

namespace CrmPlatform.Sdk.Tests.Testing;

public sealed partial class PluginTestHostTests
{
    [Fact]
    public void Create_HookWithoutHookPermission_IsRefusedNamingTheHook()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PluginTestHost.Create<HookPlugin>(HookPlugin.Manifest(), OwnNamespace));

        Assert.Contains("commands.hook", error.Message);
        Assert.Contains("Hook", error.Message);
        Assert.True(error.Message.Contains(typeof(SpendingHook).FullName!, StringComparison.Ordinal)
            || error.Message.Contains(typeof(BrokenTagsHook).FullName!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunHooksAsync_InternalHook_IsFoundAndVetoes()
    {
        await using var host = PluginTestHost.Create<HookPlugin>(HookPlugin.Manifest(PluginPermissions.HookCommands), OwnNamespace);

        var result = await host.RunHooksAsync("c-1", null, new OrderPlaced("o-9", 120m, "EUR", []));

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(typeof(SpendingHook), outcome.HookType);
        Assert.Equal("crm.customer.order-placed.v1", outcome.EventType);
        Assert.True(result.IsVeto);
        Assert.Equal("Order o-9 is too big.", result.VetoReason);
    }

    [Fact]
    public async Task RunHooksAsync_AllowingHook_EnrichesTheCommandWithItsFirstEventOfTheType()
    {
        await using var host = PluginTestHost.Create<HookPlugin>(HookPlugin.Manifest(PluginPermissions.HookCommands), OwnNamespace);

        var result = await host.RunHooksAsync("c-1", null, new OrderPlaced("o-1", 60m, "EUR", []), new OrderPlaced("o-2", 500m, "EUR", []));

        Assert.False(result.IsVeto);
        Assert.Equal(["big-spender"], result.Tags);
        Assert.Equal([new HookInsight("last-order", 60, null)], result.Insights);
    }

    [Fact]
    public async Task RunHooksAsync_ThrowingFailClosedHook_VetoesAndKeepsTheError()
    {
        await using var host = PluginTestHost.Create<HookPlugin>(HookPlugin.Manifest(PluginPermissions.HookCommands), OwnNamespace);

        var result = await host.RunHooksAsync("c-1", null, new OrderPlaced("o-1", 1m, "EUR", []), new TagsChanged(["x"], []));

        Assert.Equal([typeof(SpendingHook), typeof(BrokenTagsHook)], result.Outcomes.Select(o => o.HookType));
        var broken = result.Outcomes[1];
        Assert.Equal(HookFailure.Veto, broken.OnFailure);
        Assert.Equal("Tag service is down.", broken.Error!.Message);
        Assert.True(result.IsVeto);
    }
}
