using Polly;
using Polly.CircuitBreaker;

namespace CrmPlatform.Host.Plugins.Sandbox;

/// <summary>
/// Contains one plugin on one silo. Each call runs on the thread pool under a time budget; a call
/// that overruns is abandoned (.NET cannot stop a thread) and, while it has not returned, the
/// plugin gets no new calls — so a plugin that hangs or spins holds at most one thread. Failures
/// feed a circuit breaker (Polly) that suspends a plugin that keeps failing and remembers why.
/// </summary>
public sealed class PluginSandbox
{
    private readonly string _pluginId;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _breaker;
    private readonly CircuitBreakerStateProvider _state = new();
    private int _stuck;
    private volatile string? _suspendedBecause;
    private volatile string? _stuckCall;

    /// <summary>Creates the sandbox of a plugin.</summary>
    public PluginSandbox(string pluginId, PluginRuntimeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pluginId = pluginId;
        _time = time;
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

    /// <summary>Runs one call of the plugin under <paramref name="timeout"/>.</summary>
    /// <exception cref="PluginUnavailableException">The plugin is suspended or a call of it is stuck.</exception>
    /// <exception cref="PluginTimeoutException">The call overran.</exception>
    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_stuckCall is { } stuck)
        {
            throw new PluginUnavailableException(stuck);
        }

        try
        {
            return await _breaker.ExecuteAsync(
                static async (state, token) => await state.Sandbox.CallAsync(state.What, state.Call, state.Timeout, token),
                (Sandbox: this, What: what, Call: call, Timeout: timeout),
                cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new PluginUnavailableException(_suspendedBecause ?? $"Plugin '{_pluginId}' is suspended.", ex);
        }
    }

    /// <summary>Runs a call that returns nothing.</summary>
    public Task RunAsync(string what, Func<CancellationToken, Task> call, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync<bool>(what, async ct =>
        {
            await call(ct);
            return true;
        }, timeout, cancellationToken);

    private async Task<T> CallAsync<T>(string what, Func<CancellationToken, Task<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        var task = Task.Run(() => call(budget.Token), CancellationToken.None);
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
