using System.Net;
using System.Runtime.CompilerServices;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>An uninstalled (or replaced) version leaves nothing behind that pins its load context: the GC collects it.</summary>
public sealed class PluginUnloadTests
{
    [Fact]
    public async Task Uninstall_AfterHandlersHooksSettingsAndJobsRan_CollectsTheLoadContext()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("unload");
        var output = await runtime.InstallProbeAsync(id, new { enrichTag = "unload-test", apiToken = "unload-secret", vetoAbove = 1000m });
        await runtime.RegisterAsync("gc1");
        Assert.Equal(HttpStatusCode.OK, (await runtime.PlaceOrderAsync("gc1", "o-1", 5m)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await runtime.PlaceOrderAsync("gc1", "o-2", 5000m)).StatusCode);
        await RuntimeHost.WaitUntilHandledAsync(output, await runtime.EventsOfAsync("gc1"));
        await Eventually.UntilAsync(output.Jobs, jobs => jobs.Count >= 1, _ => "the job never ran");
        await runtime.GetAsync($"api/plugins/{id}/settings");
        await runtime.WaitForNoLagAsync(id);
        var context = LoadContextOf(runtime, id);

        var uninstall = await runtime.Admin.DeleteAsync($"api/plugins/{id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, uninstall.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await runtime.Admin.GetRouteAsync($"api/plugins/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await runtime.Admin.DeleteAsync($"api/plugins/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.DoesNotContain((await runtime.GetAsync("api/plugins")).EnumerateArray(), p => p.GetProperty("id").GetString() == id);
        Assert.Null(runtime.Host.GetService<PluginRegistry>().Find(id));
        Assert.True(await CollectedAsync(context), "The uninstalled plugin's load context is still alive after 10 s of full GCs.");
    }

    [Fact]
    public async Task Upgrade_CollectsTheReplacedVersionsLoadContext()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("unload-v1");
        var output = await runtime.InstallProbeAsync(id, new { enrichTag = "v1" });
        await runtime.RegisterAsync("gc2");
        Assert.Equal(HttpStatusCode.OK, (await runtime.PlaceOrderAsync("gc2", "o-1", 5m)).StatusCode);
        await RuntimeHost.WaitUntilHandledAsync(output, await runtime.EventsOfAsync("gc2"));
        var v1 = LoadContextOf(runtime, id);

        var upgrade = await runtime.SendPackageAsync(HttpMethod.Put, $"api/plugins/{id}", ProbePackage.Build(id, "2.0.0"));

        Assert.Equal(HttpStatusCode.OK, upgrade.StatusCode);
        var v2 = LoadContextOf(runtime, id);
        Assert.True(await CollectedAsync(v1), "The replaced version's load context is still alive after 10 s of full GCs.");
        Assert.True(v2.IsAlive);
    }

    /// <summary>Reads the weak reference without keeping the slot or the loaded plugin in this method's frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadContextOf(RuntimeHost runtime, string id)
    {
        var context = runtime.Host.GetService<PluginRegistry>().Find(id)?.Current?.LoadContext;
        Assert.NotNull(context);
        Assert.True(context.IsAlive);
        return context;
    }

    private static async Task<bool> CollectedAsync(WeakReference context)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (!context.IsAlive)
            {
                return true;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return false;
    }
}
