using CrmPlatform.Host.Plugins.Crm;
using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Plugins.Sandbox;
using CrmPlatform.Host.Plugins.Subscriptions;
using CrmPlatform.Sdk.Jobs;

namespace CrmPlatform.Host.Plugins.Jobs;

/// <summary>Runs one scheduled job of a plugin: wait the interval, run it in the plugin's sandbox, repeat. Its worker grain makes it run on one silo at a time.</summary>
internal sealed partial class JobRunner : PluginWorkerLoop
{
    private readonly PluginSlot _slot;
    private readonly string _jobName;
    private readonly SubscriptionContext _context;

    public JobRunner(PluginSlot slot, string jobName, SubscriptionContext context)
    {
        _slot = slot;
        _jobName = jobName;
        _context = context;
        Start();
    }

    protected override void OnStopFailed(Exception exception) => LogJobFailed(_context.Logger, exception, _slot.Id, _jobName);

    protected override async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var job = _slot.Current?.Jobs.FirstOrDefault(j => j.Name == _jobName);
                if (job is null)
                {
                    return;
                }

                await Task.Delay(job.Interval, _context.Time, ct);
                var plugin = await _slot.AcquireAsync(ct);
                if (plugin is null)
                {
                    return;
                }

                try
                {
                    await RunOnceAsync(plugin, ct);
                }
                finally
                {
                    plugin.Release();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RunOnceAsync(LoadedPlugin plugin, CancellationToken ct)
    {
        if (plugin.Jobs.FirstOrDefault(j => j.Name == _jobName) is not { } job)
        {
            return;
        }

        var startedAt = _context.Time.GetUtcNow();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, plugin.Stopping);
        var crm = new PluginCrm(_context.Grains, plugin.Manifest, $"plugin:{plugin.Id}:job:{job.Name}:{startedAt:O}", null, _context.Messages);
        try
        {
            await _slot.Sandbox.RunAsync($"job {job.Name}", async token =>
            {
                var scope = plugin.CreateScope();
                await using (scope.ConfigureAwait(false))
                {
                    var instance = (IScheduledJob)scope.ServiceProvider.GetRequiredService(job.JobType);
                    await instance.RunAsync(new JobContext(job.Name, startedAt, crm), token);
                }
            }, _context.Options.JobTimeout, stopping.Token, SandboxLane.Job);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogJobFailed(_context.Logger, ex, plugin.Id, job.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId}: job {Job} failed; it runs again at its next interval")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string pluginId, string job);
}
