using System.Collections.Concurrent;
using System.Collections.Frozen;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.Sandbox;
using Microsoft.Extensions.Options;
using CrmPlatform.Host.Kernel;

namespace CrmPlatform.Host.Plugins.Runtime;

/// <summary>
/// The plugins loaded on this silo, kept in step with the shared catalog: new versions are loaded
/// before the old one is retired, so an upgrade never has two versions handling work at once and
/// never leaves a gap; removed plugins are unloaded and their files deleted.
/// </summary>
public sealed partial class PluginRegistry(
    IPluginCatalogStore catalog,
    PluginComposer composer,
    IOptions<PluginRuntimeOptions> options,
    IOptions<CrmHostOptions> hostOptions,
    TimeProvider time,
    ILogger<PluginRegistry> logger) : IAsyncDisposable
{
    private static readonly TimeSpan RetireWait = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, PluginSlot> _slots = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reconciling = new(1, 1);
    private readonly string _cache = Path.Combine(hostOptions.Value.DataDirectory, "plugin-cache");
    private long _revision = -1;

    /// <summary>Event types that some active plugin hooks; checked on every command, so kept as a frozen set.</summary>
    public FrozenSet<Type> HookedEvents { get; private set; } = FrozenSet<Type>.Empty;

    /// <summary>The plugins known on this silo.</summary>
    public IEnumerable<PluginSlot> Slots => _slots.Values.Where(s => !s.Removed).OrderBy(s => s.Id, StringComparer.Ordinal);

    /// <summary>The plugin with this id, or null.</summary>
    public PluginSlot? Find(string id) => _slots.TryGetValue(id, out var slot) && !slot.Removed ? slot : null;

    /// <summary>Brings this silo in step with the catalog when its revision moved (or always, when <paramref name="force"/>).</summary>
    public async Task ReconcileAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        await _reconciling.WaitAsync(cancellationToken);
        try
        {
            var revision = await catalog.GetRevisionAsync(cancellationToken);
            if (!force && revision == Interlocked.Read(ref _revision))
            {
                return;
            }

            var installed = (await catalog.ListAsync(cancellationToken)).ToDictionary(p => p.Id, StringComparer.Ordinal);
            foreach (var plugin in installed.Values)
            {
                await ReconcileAsync(plugin, force, cancellationToken);
            }

            foreach (var gone in _slots.Values.Where(s => !s.Removed && !installed.ContainsKey(s.Id)).ToList())
            {
                await UnloadAsync(gone);
            }

            HookedEvents = _slots.Values.Where(s => s.IsActive).SelectMany(s => s.Current!.HookedEvents).ToFrozenSet();
            Interlocked.Exchange(ref _revision, revision);
        }
        finally
        {
            _reconciling.Release();
        }
    }

    private async Task ReconcileAsync(InstalledPlugin installed, bool force, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(installed.Id, id => new PluginSlot(id, new PluginSandbox(id, options.Value, time)));
        // A version that failed to load here is tried again on the next forced reconcile (any change to the catalog).
        if (slot.Current?.Version != installed.Version && (force || !(slot.LoadError is not null && slot.Installed?.Version == installed.Version)))
        {
            await LoadVersionAsync(slot, installed, cancellationToken);
        }
        else if (slot.Current is { Settings: { } schema, SettingsHolder: { } holder } && slot.AppliedSettings != installed.SettingsJson)
        {
            var errors = new FieldErrors();
            var settings = schema.Parse(installed.SettingsJson, errors);
            if (errors.IsEmpty)
            {
                holder.Replace(settings);
                slot.AppliedSettings = installed.SettingsJson;
            }
        }

        slot.Follow(installed);
    }

    private async Task LoadVersionAsync(PluginSlot slot, InstalledPlugin installed, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_cache, installed.Id, $"{installed.Version}-{Guid.NewGuid():N}");
        LoadedPlugin loaded;
        try
        {
            var package = await catalog.ReadPackageAsync(installed.Id, installed.Version, cancellationToken)
                ?? throw new PluginRefusedException($"The catalog holds no package for {installed.Id} {installed.Version}.");
            var manifest = ManifestReader.Read(installed.ManifestJson);
            PluginPackage.Extract(package, folder);
            loaded = composer.Load(folder, manifest, installed.SettingsJson);
        }
        catch (Exception ex) when (ex is PluginRefusedException or IOException or UnauthorizedAccessException)
        {
            LogLoadFailed(logger, ex, installed.Id, installed.Version);
            slot.Fail(ex.Message);
            TryDelete(folder);
            return;
        }

        var previous = slot.Current;
        if (previous is not null)
        {
            // No new calls to the old version; the calls in flight finish before the new one starts.
            if (!await RetireAsync(previous))
            {
                LogRetireSlow(logger, previous.Id, previous.Version);
            }
        }

        slot.AppliedSettings = installed.SettingsJson;
        slot.Publish(loaded);
        LogLoaded(logger, installed.Id, installed.Version, previous?.Version);
        if (previous is not null)
        {
            await previous.DisposeAsync();
        }
    }

    private async Task UnloadAsync(PluginSlot slot)
    {
        var current = slot.Current;
        slot.Remove();
        if (current is not null)
        {
            await RetireAsync(current);
            await current.DisposeAsync();
        }

        _slots.TryRemove(slot.Id, out _);
        TryDelete(Path.Combine(_cache, slot.Id));
        LogUnloaded(logger, slot.Id);
    }

    private static async Task<bool> RetireAsync(LoadedPlugin plugin)
    {
        try
        {
            await plugin.RetireAsync().WaitAsync(RetireWait);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still open; the next start clears the cache.
        }
    }

    /// <summary>Clears the package cache of earlier runs (every package is unpacked afresh from the catalog).</summary>
    public void ClearCache() => TryDelete(_cache);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var slot in _slots.Values.ToList())
        {
            await UnloadAsync(slot);
        }

        _reconciling.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin {PluginId} {Version} could not be loaded")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string pluginId, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} {Version}: calls in flight did not finish within the retire wait; unloading anyway")]
    private static partial void LogRetireSlow(ILogger logger, string pluginId, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} {Version} loaded (replacing {PreviousVersion})")]
    private static partial void LogLoaded(ILogger logger, string pluginId, string version, string? previousVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} unloaded")]
    private static partial void LogUnloaded(ILogger logger, string pluginId);
}
