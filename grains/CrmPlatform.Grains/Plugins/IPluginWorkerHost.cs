namespace CrmPlatform.Grains.Plugins;

/// <summary>The port through which a worker grain starts the plugin work its key names; the host's plugin runtime implements it.</summary>
public interface IPluginWorkerHost
{
    /// <summary>Starts the work named by <paramref name="workerKey"/> on this silo, or returns null when there is nothing to run (for example, the plugin is disabled here).</summary>
    IPluginWorker? Start(string workerKey);
}
