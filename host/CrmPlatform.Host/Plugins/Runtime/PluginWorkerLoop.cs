using CrmPlatform.Grains.Plugins;

namespace CrmPlatform.Host.Plugins.Runtime;

/// <summary>A piece of plugin work as a loop on the thread pool, stopped and awaited when its grain lets it go.</summary>
internal abstract class PluginWorkerLoop : IPluginWorker
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _completion;

    /// <inheritdoc />
    public Task Completion => _completion ?? Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Completion;
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            OnStopFailed(ex);
        }

        _stop.Dispose();
    }

    /// <summary>Starts the loop; derived classes call it last in their constructor.</summary>
    protected void Start() => _completion = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>The work, until <paramref name="stopping"/> is signalled or there is nothing more to do.</summary>
    protected abstract Task RunAsync(CancellationToken stopping);

    /// <summary>Reports a loop that ended with an error.</summary>
    protected abstract void OnStopFailed(Exception exception);
}
