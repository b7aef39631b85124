namespace CrmPlatform.Grains.Plugins;

/// <summary>Running plugin work: a loop on the thread pool that its grain owns.</summary>
public interface IPluginWorker : IAsyncDisposable
{
    /// <summary>Completes when the work ends by itself (the plugin was disabled or removed, or the loop failed).</summary>
    Task Completion { get; }
}
