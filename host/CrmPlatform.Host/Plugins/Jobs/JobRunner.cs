using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Plugins.Subscriptions;

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

    protected override void OnStopFailed(Exception exception) => LogJobStopFailed(_context.Logger, exception, _slot.Id, _jobName);

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

        var outcome = await JobInvoker.RunAsync(_slot, plugin, job, _context, "scheduled", ct);
        if (!outcome.Succeeded)
        {
            LogJobFailed(_context.Logger, plugin.Id, job.Name, outcome.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId}: job {Job} failed ({Error}); it runs again at its next interval")]
    private static partial void LogJobFailed(ILogger logger, string pluginId, string job, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId}: job {Job} failed while stopping")]
    private static partial void LogJobStopFailed(ILogger logger, Exception exception, string pluginId, string job);
}
