using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.Sandbox;

namespace CrmPlatform.Host.Plugins.Runtime;

/// <summary>
/// One installed plugin on this silo: the version loaded now (if any), whether it is enabled, why
/// it failed to load, and its sandbox. Workers lease the current version for each call and wait
/// here while an upgrade swaps versions.
/// </summary>
public sealed class PluginSlot(string id, PluginSandbox sandbox)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The plugin id.</summary>
    public string Id { get; } = id;

    /// <summary>Contains the plugin's calls.</summary>
    public PluginSandbox Sandbox { get; } = sandbox;

    /// <summary>The catalog row this slot follows.</summary>
    public InstalledPlugin? Installed { get; private set; }

    /// <summary>The version loaded now; null while loading failed or after removal.</summary>
    public LoadedPlugin? Current { get; private set; }

    /// <summary>Why the installed version could not be loaded on this silo; null when it was.</summary>
    public string? LoadError { get; private set; }

    /// <summary>The settings JSON the loaded version runs with.</summary>
    public string? AppliedSettings { get; set; }

    /// <summary>True once the plugin was uninstalled: its workers end.</summary>
    public bool Removed { get; private set; }

    /// <summary>True when the plugin should run: installed, enabled and loaded.</summary>
    public bool IsActive => !Removed && Installed is { Enabled: true } && Current is not null;

    /// <summary>The status shown by the API.</summary>
    public PluginStatus Status =>
        Removed ? new(PluginRunState.Removed)
        : LoadError is { } error ? new(PluginRunState.Failed, error)
        : Installed is { Enabled: false } ? new(PluginRunState.Disabled)
        : Current is null ? new(PluginRunState.Loading)
        : Sandbox.Unavailable ?? new(PluginRunState.Running);

    /// <summary>Leases the current version for one call, waiting through swaps; null when the plugin no longer runs here.</summary>
    public async Task<LoadedPlugin?> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (Removed || Installed is not { Enabled: true } || (Current is null && LoadError is not null))
                {
                    return null;
                }

                if (Current is { } current && current.TryAcquire())
                {
                    return current;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Records the catalog row (enabled flag, settings) and wakes waiting workers.</summary>
    public void Follow(InstalledPlugin installed) => Change(() => Installed = installed);

    /// <summary>Makes <paramref name="plugin"/> the current version (the caller has retired the one it replaces).</summary>
    public void Publish(LoadedPlugin plugin) => Change(() =>
    {
        Current = plugin;
        LoadError = null;
    });

    /// <summary>Records that the installed version failed to load here; a version already running keeps running.</summary>
    public void Fail(string error) => Change(() => LoadError = error);

    /// <summary>Marks the plugin uninstalled.</summary>
    public void Remove() => Change(() =>
    {
        Removed = true;
        Current = null;
    });

    private void Change(Action change)
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            change();
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }
}
