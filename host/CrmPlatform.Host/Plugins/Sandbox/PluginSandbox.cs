using CrmPlatform.Host.Plugins.Runtime;
using Polly;
using Polly.CircuitBreaker;

namespace CrmPlatform.Host.Plugins.Sandbox;

/// <summary>
/// Contains one plugin on one silo. Each call runs on the thread pool under a time budget; a call
/// that overruns is abandoned (.NET cannot stop a thread) and, while it has not returned, the
/// plugin gets no new calls. At most <see cref="PluginRuntimeOptions.MaxConcurrentCalls"/> deliveries
/// and as many hooks of a plugin run at once (a call keeps its place until it really returns,
/// abandoned or not), so a plugin that hangs or spins holds at most that many threads — not one per
/// partition. Failures feed circuit breakers (Polly), one per kind of call, that suspend what keeps
/// failing and remember why.
/// </summary>
public sealed class PluginSandbox
{
    private readonly string _pluginId;
    private readonly TimeProvider _time;
    private readonly Lane _deliveries;
    private readonly Lane _hooks;
    private readonly Lane _jobs;
    private readonly Lane _reports;
    private readonly Lane _inbound;
    private int _stuck;
    private volatile string? _stuckCall;

    /// <summary>Creates the sandbox of a plugin.</summary>
    public PluginSandbox(string pluginId, PluginRuntimeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pluginId = pluginId;
        _time = time;
        var places = Math.Max(1, options.MaxConcurrentCalls);
        _deliveries = new Lane(options, time, places);
        _hooks = new Lane(options, time, places);
        _jobs = new Lane(options, time, places: null);
        _reports = new Lane(options, time, places);
        _inbound = new Lane(options, time, places);
    }

    /// <summary>Why the plugin gets no calls now (or its deliveries do not), or null when it does.</summary>
    public string? UnavailableBecause => Unavailable?.Reason;

    /// <summary>Hung (a call has not returned) or suspended (deliveries or hooks), with why; null while the plugin gets calls.</summary>
    public PluginStatus? Unavailable =>
        _stuckCall is { } stuck ? new PluginStatus(PluginRunState.Hung, stuck)
        : (_deliveries.SuspendedBecause ?? _hooks.SuspendedBecause) is { } suspended ? new PluginStatus(PluginRunState.Suspended, suspended)
        : null;

    /// <summary>
    /// Runs one call of the plugin under <paramref name="timeout"/>. Deliveries, hooks and jobs each
    /// have their own places and their own breaker, so slow deliveries (or a receiver that is down)
    /// never make a plugin's hooks fail, and a long job never holds a delivery's place.
    /// </summary>
    /// <exception cref="PluginUnavailableException">The lane is suspended, a call of the plugin is stuck, or the lane's calls kept every place for the whole budget.</exception>
    /// <exception cref="PluginTimeoutException">The call overran.</exception>
    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> call, TimeSpan timeout, CancellationToken cancellationToken, SandboxLane lane = SandboxLane.Delivery)
    {
        if (_stuckCall is { } stuck)
        {
            throw new PluginUnavailableException(stuck);
        }

        var chosen = lane switch
        {
            SandboxLane.Hook => _hooks,
            SandboxLane.Job => _jobs,
            SandboxLane.Report => _reports,
            SandboxLane.Inbound => _inbound,
            _ => _deliveries,
        };
        try
        {
            return await chosen.Breaker.ExecuteAsync(
                static async (state, token) => await state.Sandbox.CallAsync(state.What, state.Call, state.Timeout, state.Lane.Places, token),
                (Sandbox: this, What: what, Call: call, Timeout: timeout, Lane: chosen),
                cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new PluginUnavailableException(chosen.SuspendedBecause ?? $"Plugin '{_pluginId}' is suspended.", ex);
        }
    }

    /// <summary>Runs a call that returns nothing.</summary>
    public Task RunAsync(string what, Func<CancellationToken, Task> call, TimeSpan timeout, CancellationToken cancellationToken, SandboxLane lane = SandboxLane.Delivery) =>
        RunAsync<bool>(what, async ct =>
        {
            await call(ct);
            return true;
        }, timeout, cancellationToken, lane);

    private async Task<T> CallAsync<T>(string what, Func<CancellationToken, Task<T>> call, TimeSpan timeout, SemaphoreSlim? places, CancellationToken cancellationToken)
    {
        if (places is not null && !await places.WaitAsync(timeout, cancellationToken))
        {
            throw new PluginUnavailableException(_stuckCall ?? $"Plugin '{_pluginId}': {what} found every call place taken for {timeout.TotalMilliseconds:0} ms.");
        }

        using var deadline = new CancellationTokenSource(timeout, _time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var task = Task.Run(() => call(budget.Token), CancellationToken.None);
        if (places is not null)
        {
            // The place is given back when the call really ends, not when the sandbox stops waiting for it.
            _ = task.ContinueWith(static (_, calls) => ((SemaphoreSlim)calls!).Release(), places, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        try
        {
            return await task.WaitAsync(timeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            Abandon(task, $"{what} overran its {timeout.TotalMilliseconds:0} ms budget");
            throw new PluginTimeoutException($"Plugin '{_pluginId}': {what} did not finish within {timeout.TotalMilliseconds:0} ms.");
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new PluginTimeoutException($"Plugin '{_pluginId}': {what} did not finish within {timeout.TotalMilliseconds:0} ms.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (task.IsCompletedSuccessfully)
            {
                // It finished as the caller gave up: its work is done, and doing it again would repeat it.
                return task.Result;
            }

            // The caller stopped waiting (shutdown, a job of a retiring version): a call still running
            // counts as stuck, so nothing else of the plugin runs beside it.
            Abandon(task, $"{what} was cancelled");
            throw;
        }
    }

    private void Abandon(Task task, string what)
    {
        if (task.IsCompleted)
        {
            _ = task.Exception;
            return;
        }

        Interlocked.Increment(ref _stuck);
        _stuckCall = $"Hung: {what} at {_time.GetUtcNow():O} and has not returned; no calls until it does.";
        _ = task.ContinueWith(
            t =>
            {
                _ = t.Exception;
                if (Interlocked.Decrement(ref _stuck) == 0)
                {
                    _stuckCall = null;
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static string Describe(Exception? exception) =>
        exception is null ? "unknown" : $"{exception.GetType().Name}: {exception.Message}";

    /// <summary>One kind of call: its places (null: unbounded) and its circuit breaker.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore's wait handle is never created: there is nothing to dispose.")]
    private sealed class Lane
    {
        private readonly CircuitBreakerStateProvider _state = new();
        private volatile string? _suspendedBecause;

        public Lane(PluginRuntimeOptions options, TimeProvider time, int? places)
        {
            Places = places is { } count ? new SemaphoreSlim(count) : null;
            Breaker = new ResiliencePipelineBuilder { TimeProvider = time }
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    FailureRatio = options.BreakerFailureRatio,
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    SamplingDuration = options.BreakerSamplingDuration,
                    BreakDuration = options.BreakDuration,
                    StateProvider = _state,
                    // A malformed webhook is the caller's fault, not the plugin's.
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException and not PluginUnavailableException and not Sdk.Channels.InboundFormatException),
                    OnOpened = args =>
                    {
                        _suspendedBecause = $"Suspended for {args.BreakDuration.TotalSeconds:0} s after repeated failures; last: {Describe(args.Outcome.Exception)}";
                        return default;
                    },
                    OnClosed = _ =>
                    {
                        _suspendedBecause = null;
                        return default;
                    },
                })
                .Build();
        }

        public SemaphoreSlim? Places { get; }

        public ResiliencePipeline Breaker { get; }

        public string? SuspendedBecause => _state.CircuitState is CircuitState.Open or CircuitState.Isolated ? _suspendedBecause : null;
    }
}
