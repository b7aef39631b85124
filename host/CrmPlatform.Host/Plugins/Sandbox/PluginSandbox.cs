using Polly;
using Polly.CircuitBreaker;

namespace CrmPlatform.Host.Plugins.Sandbox;

/// <summary>
/// Contains one plugin on one silo. Each call runs on the thread pool under a time budget; a call
/// that overruns is abandoned (.NET cannot stop a thread) and, while it has not returned, the
/// plugin gets no new calls. At most <see cref="PluginRuntimeOptions.MaxConcurrentCalls"/> calls of
/// a plugin run at once (a call keeps its place until it really returns, abandoned or not), so a
/// plugin that hangs or spins holds at most that many threads — not one per partition. Failures
/// feed a circuit breaker (Polly) that suspends a plugin that keeps failing and remembers why.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore's wait handle is never created: there is nothing to dispose.")]
public sealed class PluginSandbox
{
    private readonly string _pluginId;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _breaker;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly SemaphoreSlim _calls;
    private int _stuck;
    private volatile string? _suspendedBecause;
    private volatile string? _stuckCall;

    /// <summary>Creates the sandbox of a plugin.</summary>
    public PluginSandbox(string pluginId, PluginRuntimeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pluginId = pluginId;
        _time = time;
        _calls = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentCalls));
        _breaker = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = _state,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException and not PluginUnavailableException),
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

    /// <summary>Why the plugin gets no calls now, or null when it does.</summary>
    public string? UnavailableBecause =>
        _stuckCall is { } stuck ? stuck
        : _state.CircuitState is CircuitState.Open or CircuitState.Isolated ? _suspendedBecause
        : null;

    /// <summary>Runs one call of the plugin under <paramref name="timeout"/>; <paramref name="limited"/> false for calls outside <see cref="PluginRuntimeOptions.MaxConcurrentCalls"/> (scheduled jobs, which run long and one at a time).</summary>
    /// <exception cref="PluginUnavailableException">The plugin is suspended, a call of it is stuck, or its calls kept every place for the whole budget.</exception>
    /// <exception cref="PluginTimeoutException">The call overran.</exception>
    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> call, TimeSpan timeout, CancellationToken cancellationToken, bool limited = true)
    {
        if (_stuckCall is { } stuck)
        {
            throw new PluginUnavailableException(stuck);
        }

        try
        {
            return await _breaker.ExecuteAsync(
                static async (state, token) => await state.Sandbox.CallAsync(state.What, state.Call, state.Timeout, state.Limited, token),
                (Sandbox: this, What: what, Call: call, Timeout: timeout, Limited: limited),
                cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new PluginUnavailableException(_suspendedBecause ?? $"Plugin '{_pluginId}' is suspended.", ex);
        }
    }

    /// <summary>Runs a call that returns nothing.</summary>
    public Task RunAsync(string what, Func<CancellationToken, Task> call, TimeSpan timeout, CancellationToken cancellationToken, bool limited = true) =>
        RunAsync<bool>(what, async ct =>
        {
            await call(ct);
            return true;
        }, timeout, cancellationToken, limited);

    private async Task<T> CallAsync<T>(string what, Func<CancellationToken, Task<T>> call, TimeSpan timeout, bool limited, CancellationToken cancellationToken)
    {
        if (limited && !await _calls.WaitAsync(timeout, cancellationToken))
        {
            throw new PluginUnavailableException(_stuckCall ?? $"Plugin '{_pluginId}': {what} found every call place taken for {timeout.TotalMilliseconds:0} ms.");
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        var task = Task.Run(() => call(budget.Token), CancellationToken.None);
        if (limited)
        {
            // The place is given back when the call really ends, not when the sandbox stops waiting for it.
            _ = task.ContinueWith(static (_, calls) => ((SemaphoreSlim)calls!).Release(), _calls, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        try
        {
            return await task.WaitAsync(timeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            Abandon(task, what, timeout);
            throw new PluginTimeoutException($"Plugin '{_pluginId}': {what} did not finish within {timeout.TotalMilliseconds:0} ms.");
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new PluginTimeoutException($"Plugin '{_pluginId}': {what} did not finish within {timeout.TotalMilliseconds:0} ms.");
        }
    }

    private void Abandon(Task task, string what, TimeSpan timeout)
    {
        if (task.IsCompleted)
        {
            _ = task.Exception;
            return;
        }

        Interlocked.Increment(ref _stuck);
        _stuckCall = $"Hung: {what} overran its {timeout.TotalMilliseconds:0} ms budget at {_time.GetUtcNow():O} and has not returned; no calls until it does.";
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
}
