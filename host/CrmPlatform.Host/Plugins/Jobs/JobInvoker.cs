using CrmPlatform.Host.Plugins.Crm;
using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Plugins.Sandbox;
using CrmPlatform.Host.Plugins.Subscriptions;
using CrmPlatform.Sdk.Jobs;

namespace CrmPlatform.Host.Plugins.Jobs;

/// <summary>Runs one job of a loaded plugin once, in the plugin's sandbox under the job time budget: on its schedule or on demand.</summary>
internal static class JobInvoker
{
    /// <summary>Runs <paramref name="job"/> and says how it went; cancellation by <paramref name="cancellationToken"/> propagates.</summary>
    public static async Task<JobRunOutcome> RunAsync(
        PluginSlot slot, LoadedPlugin plugin, ScheduledJob job, SubscriptionContext context, string trigger, CancellationToken cancellationToken)
    {
        var startedAt = context.Time.GetUtcNow();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, plugin.Stopping);
        var crm = new PluginCrm(context.Grains, plugin.Manifest, $"plugin:{plugin.Id}:job:{job.Name}:{trigger}:{startedAt:O}", null, context.Messages);
        try
        {
            await slot.Sandbox.RunAsync($"job {job.Name}", async token =>
            {
                var scope = plugin.CreateScope();
                await using (scope.ConfigureAwait(false))
                {
                    var instance = (IScheduledJob)scope.ServiceProvider.GetRequiredService(job.JobType);
                    await instance.RunAsync(new JobContext(job.Name, startedAt, crm), token);
                }
            }, context.Options.JobTimeout, stopping.Token, SandboxLane.Job);
            return new JobRunOutcome(plugin.Id, job.Name, startedAt, context.Time.GetUtcNow(), true, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new JobRunOutcome(plugin.Id, job.Name, startedAt, context.Time.GetUtcNow(), false, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
