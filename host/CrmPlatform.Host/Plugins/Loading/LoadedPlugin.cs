using System.Collections.Frozen;
using CrmPlatform.Host.Plugins.Settings;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.Plugins;
using McMaster.NETCore.Plugins;

namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>
/// One version of a plugin, loaded into its own collectable load context with its own service
/// container. Callers lease it for each call; retiring it lets the calls in flight finish before
/// it is unloaded, so two versions never handle the same work at once.
/// </summary>
public sealed partial class LoadedPlugin : IAsyncDisposable
{
    private readonly PluginLoader _loader;
    private readonly ServiceProvider _services;
    private readonly FrozenDictionary<Type, PluginDispatch.HandlerInvoker> _handlers;
    private readonly FrozenDictionary<Type, PluginDispatch.HookResolver> _hooks;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private int _leases;
    private bool _retired;

    internal LoadedPlugin(
        PluginManifest manifest,
        PluginLoader loader,
        ServiceProvider services,
        FrozenDictionary<Type, PluginDispatch.HandlerInvoker> handlers,
        bool hasBatchHandler,
        FrozenDictionary<Type, PluginDispatch.HookResolver> hooks,
        IReadOnlyList<ScheduledJob> jobs,
        PluginSettingsSchema? settings,
        ISettingsHolder? settingsHolder,
        bool hooksFailClosed,
        WeakReference loadContext,
        PluginChannels channels)
    {
        _channels = channels;
        HooksFailClosed = hooksFailClosed;
        Manifest = manifest;
        _loader = loader;
        _services = services;
        _handlers = handlers;
        HasBatchHandler = hasBatchHandler;
        _hooks = hooks;
        Jobs = jobs;
        Settings = settings;
        SettingsHolder = settingsHolder;
        LoadContext = loadContext;
    }

    /// <summary>The manifest of this version.</summary>
    public PluginManifest Manifest { get; }

    /// <summary>The plugin id.</summary>
    public string Id => Manifest.Id;

    /// <summary>The version.</summary>
    public string Version => Manifest.Version;

    /// <summary>True when the plugin has a batch handler (it then gets every subscribed event).</summary>
    public bool HasBatchHandler { get; }

    /// <summary>True when some hook of the plugin refuses commands it cannot check (<see cref="Sdk.Hooks.HookFailure.Veto"/>).</summary>
    public bool HooksFailClosed { get; }

    /// <summary>The event types some hook of the plugin looks at.</summary>
    public IEnumerable<Type> HookedEvents => _hooks.Keys;

    /// <summary>The plugin's scheduled jobs.</summary>
    public IReadOnlyList<ScheduledJob> Jobs { get; }

    /// <summary>The settings schema, when the plugin declared settings.</summary>
    public PluginSettingsSchema? Settings { get; }

    /// <summary>Where the runtime puts new settings.</summary>
    public ISettingsHolder? SettingsHolder { get; }

    /// <summary>The load context, weakly: tests check that it is collected after unloading.</summary>
    public WeakReference LoadContext { get; }

    /// <summary>True when a per-event handler of the plugin takes this event and the manifest subscribes to it.</summary>
    public bool HandlesEach(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return (_handlers.ContainsKey(envelope.Event.GetType()) || SendsOn(envelope)) && Manifest.Subscribes(envelope.Type);
    }

    /// <summary>Delivers one event to the plugin's per-event handlers for its type.</summary>
    public async Task DeliverEachAsync(EventEnvelope envelope, ICrm crm, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!_handlers.TryGetValue(envelope.Event.GetType(), out var invoke))
        {
            return;
        }

        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await invoke(scope.ServiceProvider, envelope, crm, attempt, cancellationToken);
        }
    }

    /// <summary>Delivers events, in order, to the plugin's batch handlers.</summary>
    public async Task DeliverBatchAsync(IReadOnlyList<EventEnvelope> events, ICrm crm, int attempt, CancellationToken cancellationToken)
    {
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            foreach (var handler in scope.ServiceProvider.GetServices<IBatchEventHandler>())
            {
                await handler.HandleAsync(new DeliveryBatch(events, crm, attempt), cancellationToken);
            }
        }
    }

    /// <summary>Delivers one event to every handler that takes it: per-event handlers, then batch handlers as a batch of one.</summary>
    public async Task DeliverAsync(EventEnvelope envelope, ICrm crm, int attempt, CancellationToken cancellationToken)
    {
        await DeliverEachAsync(envelope, crm, attempt, cancellationToken);
        if (HasBatchHandler)
        {
            await DeliverBatchAsync([envelope], crm, attempt, cancellationToken);
        }
    }

    /// <summary>The hook calls for a command whose events include types the plugin hooks; the scope ends with <paramref name="scope"/>.</summary>
    internal IReadOnlyList<HookCall> HookCalls(AsyncServiceScope scope, string customerId, CustomerSnapshot? before, IReadOnlyList<ICustomerEvent> events, string actor)
    {
        var calls = new List<HookCall>();
        foreach (var type in events.Select(e => e.GetType()).Distinct())
        {
            if (_hooks.TryGetValue(type, out var resolve))
            {
                calls.AddRange(resolve(scope.ServiceProvider, customerId, before, events, actor));
            }
        }

        return calls;
    }

    /// <summary>A scope of the plugin's container, for hooks and jobs.</summary>
    public AsyncServiceScope CreateScope() => _services.CreateAsyncScope();

    /// <summary>Signalled when this version starts retiring: long calls (scheduled jobs) should stop; deliveries finish within their budget.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Takes a lease for one call; false once the version is retiring.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            _leases++;
            return true;
        }
    }

    /// <summary>Returns a lease.</summary>
    public void Release()
    {
        lock (_gate)
        {
            if (--_leases == 0 && _retired)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Stops new leases and signals <see cref="Stopping"/>; completes when the leases in flight are returned.</summary>
    public Task RetireAsync()
    {
        _stopping.Cancel();
        lock (_gate)
        {
            _retired = true;
            if (_leases == 0)
            {
                _drained.TrySetResult();
            }
        }

        return _drained.Task;
    }

    /// <summary>Disposes the plugin's services and unloads its load context.</summary>
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _stopping.Dispose();
        _loader.Dispose();
        SerializerCaches.Clear();
    }
}
