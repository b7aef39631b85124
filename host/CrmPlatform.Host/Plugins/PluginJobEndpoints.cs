using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.Jobs;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Plugins.Subscriptions;

namespace CrmPlatform.Host.Plugins;

/// <summary><c>/api/plugins/{id}/jobs/{name}/run</c>: runs a plugin's scheduled job now, on this silo, and answers with how it went.</summary>
public static class PluginJobEndpoints
{
    /// <summary>Maps the route on the (admin-only) plugins group.</summary>
    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        plugins.MapPost("/{id}/jobs/{name}/run", RunAsync)
            .WithName("RunPluginJob")
            .WithSummary("Run a plugin's scheduled job now; answers when it has finished, with its outcome (its schedule is unchanged)")
            .Produces<JobRunOutcome>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return plugins;
    }

    private static async Task<IResult> RunAsync(
        string id, string name, IPluginCatalogStore catalog, PluginRegistry registry, SubscriptionContext context, CancellationToken ct)
    {
        if (await catalog.FindAsync(id, ct) is null || registry.Find(id) is not { } slot)
        {
            return ApiProblems.NotFound($"Plugin '{id}' is not installed.");
        }

        var plugin = slot.IsActive ? await slot.AcquireAsync(ct) : null;
        if (plugin is null)
        {
            return ApiProblems.Conflict($"Plugin '{id}' is {slot.Status}; enable it before running its jobs.");
        }

        try
        {
            if (plugin.Jobs.FirstOrDefault(j => j.Name == name) is not { } job)
            {
                var known = plugin.Jobs.Count == 0 ? "none" : string.Join(", ", plugin.Jobs.Select(j => j.Name));
                return ApiProblems.NotFound($"Plugin '{id}' has no job '{name}' (its jobs: {known}).");
            }

            return Results.Ok(await JobInvoker.RunAsync(slot, plugin, job, context, "on-demand", ct));
        }
        finally
        {
            plugin.Release();
        }
    }
}
