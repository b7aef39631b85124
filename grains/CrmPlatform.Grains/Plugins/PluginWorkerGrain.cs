using CrmPlatform.Grains.Abstractions.Plugins;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace CrmPlatform.Grains.Plugins;

/// <summary>
/// Anchors one piece of plugin work to one silo: Orleans' single activation makes it run once in
/// the cluster, and a dead silo's work comes back on a live one at the next
/// <see cref="EnsureRunningAsync"/>. The work itself runs outside the grain's turns, so a slow
/// plugin never blocks the grain. Placement is random, so a plugin's partitions spread over the
/// silos (every silo pings them, so placing them where the call comes from would be arbitrary).
/// </summary>
[RandomPlacement]
public sealed partial class PluginWorkerGrain(IPluginWorkerHost host, ILogger<PluginWorkerGrain> logger) : Grain, IPluginWorkerGrain
{
    private IPluginWorker? _worker;

    /// <inheritdoc />
    public async Task<bool> EnsureRunningAsync()
    {
        if (_worker is { Completion.IsCompleted: true } finished)
        {
            if (finished.Completion.Exception is { } failure)
            {
                LogWorkerFailed(logger, failure, this.GetPrimaryKeyString());
            }

            _worker = null;
            await finished.DisposeAsync();
        }

        _worker ??= host.Start(this.GetPrimaryKeyString());
        if (_worker is null)
        {
            DeactivateOnIdle();
            return false;
        }

        return true;
    }

    /// <inheritdoc />
    public async Task StopAsync()
    {
        await StopWorkerAsync();
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await StopWorkerAsync();

    private async Task StopWorkerAsync()
    {
        if (_worker is { } worker)
        {
            _worker = null;
            await worker.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin worker {WorkerKey} failed; it restarts at the next check")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception, string workerKey);
}
