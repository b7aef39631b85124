using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CrmPlatform.Grains.Abstractions.Plugins;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.Subscriptions;
using Microsoft.Extensions.Options;
using CrmPlatform.Host.Kernel;

namespace CrmPlatform.Host.Plugins.Runtime;

/// <summary>
/// The plugin runtime's heartbeat on each silo. Once the silo is up it installs the first-party
/// plugins shipped beside the host (disabled until an administrator enables them) and the plugin
/// folders found in <see cref="PluginRuntimeOptions.Directory"/>; then, every
/// <see cref="PluginRuntimeOptions.ReconcileInterval"/>, it brings the silo in step with the
/// catalog and calls every active plugin's worker grains, which (re)starts work that is not
/// running anywhere — after a restart or when a silo died. It also samples subscription lag for
/// the <c>crm.plugin.lag</c> gauges.
/// </summary>
public sealed partial class PluginHost : BackgroundService
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "CrmPlatform.Plugins";

    /// <summary>The folder beside the host's assemblies that holds the first-party plugins, one folder each.</summary>
    public const string BundledFolder = "bundled-plugins";

    private static readonly TimeSpan LagSampleInterval = TimeSpan.FromSeconds(5);
    private readonly PluginRegistry _registry;
    private readonly PluginInstaller _installer;
    private readonly SubscriptionAdmin _admin;
    private readonly IGrainFactory _grains;
    private readonly IEventLog _log;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly PluginRuntimeOptions _options;
    private readonly string _dropFolder;
    private readonly TimeProvider _time;
    private readonly ILogger<PluginHost> _logger;
    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<string, SubscriptionLag> _lag = new(StringComparer.Ordinal);

    /// <summary>Creates the runtime's heartbeat.</summary>
    public PluginHost(
        PluginRegistry registry,
        PluginInstaller installer,
        SubscriptionAdmin admin,
        IGrainFactory grains,
        IEventLog log,
        IHostApplicationLifetime lifetime,
        IOptions<PluginRuntimeOptions> options,
        IOptions<CrmHostOptions> hostOptions,
        TimeProvider time,
        ILogger<PluginHost> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hostOptions);
        (_registry, _installer, _admin, _grains, _log, _lifetime, _time, _logger) = (registry, installer, admin, grains, log, lifetime, time, logger);
        _options = options.Value;
        _dropFolder = Path.Combine(hostOptions.Value.DataDirectory, _options.Directory);
        _meter.CreateObservableGauge("crm.plugin.lag.events", () => _lag.Values.Select(l => new Measurement<long>(l.EventsBehind, new KeyValuePair<string, object?>("plugin", l.PluginId))),
            "{event}", "Events a plugin's subscription has not delivered yet.");
        _meter.CreateObservableGauge("crm.plugin.lag.age", () => _lag.Values.Select(l => new Measurement<double>(l.OldestUndeliveredAgeSeconds, new KeyValuePair<string, object?>("plugin", l.PluginId))),
            "s", "Age of the oldest event a plugin's subscription has not delivered yet.");
        _meter.CreateObservableGauge("crm.plugin.dead_letters", () => _lag.Values.Select(l => new Measurement<long>(l.DeadLetters, new KeyValuePair<string, object?>("plugin", l.PluginId))),
            "{event}", "Events parked after failing.");
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        _registry.ClearCache();
        await InstallFoldersAsync(Path.Combine(AppContext.BaseDirectory, BundledFolder), enabled: false, stoppingToken, IsWantedBundle);
        await InstallFoldersAsync(_dropFolder, enabled: true, stoppingToken);
        var lastLagSample = 0L;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _registry.ReconcileAsync(cancellationToken: stoppingToken);
                await KeepWorkersRunningAsync();
                if (_time.GetElapsedTime(lastLagSample) >= LagSampleInterval)
                {
                    lastLagSample = _time.GetTimestamp();
                    await SampleLagAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogReconcileFailed(_logger, ex);
            }

            try
            {
                await Task.Delay(_options.ReconcileInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    private async Task KeepWorkersRunningAsync()
    {
        var calls = new List<Task>();
        foreach (var slot in _registry.Slots)
        {
            if (!slot.IsActive || slot.Current is not { } plugin)
            {
                continue;
            }

            if (plugin.Manifest.Events.Count > 0)
            {
                for (var partition = 0; partition < _log.PartitionCount; partition++)
                {
                    calls.Add(_grains.GetGrain<IPluginWorkerGrain>(PluginWorkerKeys.Subscription(slot.Id, partition)).EnsureRunningAsync());
                }
            }

            calls.AddRange(plugin.Jobs.Select(job => _grains.GetGrain<IPluginWorkerGrain>(PluginWorkerKeys.Job(slot.Id, job.Name)).EnsureRunningAsync()));
        }

        await Task.WhenAll(calls);
    }

    private async Task SampleLagAsync(CancellationToken cancellationToken)
    {
        foreach (var slot in _registry.Slots)
        {
            _lag[slot.Id] = await _admin.GetLagAsync(slot.Id, cancellationToken);
        }

        foreach (var gone in _lag.Keys.Where(id => _registry.Find(id) is null))
        {
            _lag.TryRemove(gone, out _);
        }
    }

    private async Task InstallFoldersAsync(string parent, bool enabled, CancellationToken cancellationToken, Func<string, bool>? wanted = null)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(parent).Order(StringComparer.Ordinal).Where(f => wanted?.Invoke(f) ?? true))
        {
            try
            {
                if (await _installer.InstallFolderAsync(folder, enabled, cancellationToken) is { } installed)
                {
                    LogInstalledFromFolder(_logger, installed.Id, installed.Version, folder);
                }
            }
            catch (Exception ex) when (ex is PluginRefusedException or PluginConflictException or IOException)
            {
                LogFolderRefused(_logger, ex, folder, ex.Message);
            }
        }
    }

    /// <summary>Whether <see cref="PluginRuntimeOptions.BundledPlugins"/> asks for the bundled plugin in <paramref name="folder"/>.</summary>
    private bool IsWantedBundle(string folder)
    {
        var wanted = _options.BundledPlugins.Trim();
        if (wanted == "*")
        {
            return true;
        }

        var ids = wanted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0 || (ids.Length == 1 && ids[0].Equals("none", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        try
        {
            using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, Sdk.Plugins.PluginManifest.FileName)));
            return manifest.RootElement.TryGetProperty("id", out var id) && ids.Contains(id.GetString(), StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // Installing it reports what is wrong with the folder.
            return true;
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (_lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin runtime: reconciling with the catalog failed; retrying")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed plugin {PluginId} {Version} from {Folder}")]
    private static partial void LogInstalledFromFolder(ILogger logger, string pluginId, string version, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "The plugin folder {Folder} was refused: {Reason}")]
    private static partial void LogFolderRefused(ILogger logger, Exception exception, string folder, string reason);
}
