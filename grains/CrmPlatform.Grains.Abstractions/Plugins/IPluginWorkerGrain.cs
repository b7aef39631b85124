namespace CrmPlatform.Grains.Abstractions.Plugins;

/// <summary>
/// Keeps one piece of a plugin's background work running somewhere in the cluster: one partition
/// of its event subscription, or one of its scheduled jobs. The key names the work (see the host's
/// plugin runtime). Orleans places the grain and moves it when its silo dies; the plugin runtime
/// on every silo calls <see cref="EnsureRunningAsync"/> every few seconds, which re-activates it.
/// </summary>
public interface IPluginWorkerGrain : IGrainWithStringKey
{
    /// <summary>Starts the work if it is not running; true when it runs now.</summary>
    Task<bool> EnsureRunningAsync();

    /// <summary>Stops the work and lets the grain go; it stays stopped until the next <see cref="EnsureRunningAsync"/>.</summary>
    Task StopAsync();
}
