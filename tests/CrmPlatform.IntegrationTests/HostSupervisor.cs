using System.Diagnostics;

namespace CrmPlatform.IntegrationTests;

/// <summary>
/// Keeps one host process running on a data directory, kills it with SIGKILL and restarts it on
/// demand, and remembers every run so that all are killed at the end and their output can be shown.
/// </summary>
internal sealed class HostSupervisor : ICrashTarget, IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly List<HostProcess> _runs = [];
    private readonly Lock _runsLock = new();
    private readonly string _hostDll;
    private readonly string _dataDirectory;
    private readonly HttpClient _http;
    private readonly Action<string> _log;
    private volatile HostProcess? _current;

    public HostSupervisor(string hostDll, string dataDirectory, HttpClient http, Action<string> log)
    {
        (_hostDll, _dataDirectory, _http, _log) = (hostDll, dataDirectory, http, log);
        // Even if the test run itself is ended early, no host outlives it.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Where the API of the running host is (the last one started).</summary>
    public Uri BaseAddress => (_current ?? throw new InvalidOperationException("No host started.")).BaseAddress;

    /// <summary>How many times the host was killed.</summary>
    public int Kills { get; private set; }

    /// <summary>Starts a new run and waits until it is ready.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        HostProcess run;
        lock (_runsLock)
        {
            run = HostProcess.Start(_hostDll, _dataDirectory, $"run {_runs.Count + 1}");
            _runs.Add(run);
        }

        await run.WaitUntilReadyAsync(_http, ReadyTimeout, cancellationToken);
        _current = run;
        _log($"host {run.Label} (pid {run.ProcessId}) ready at {run.BaseAddress} after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Kills the running host with SIGKILL.</summary>
    public void Kill()
    {
        var run = _current ?? throw new InvalidOperationException("No host started.");
        run.Kill();
        Kills++;
        _log($"host {run.Label} (pid {run.ProcessId}) killed with SIGKILL (kill {Kills})");
    }

    /// <summary>Kills the running host with SIGKILL and starts a new run on the same data directory.</summary>
    public async Task CrashAsync(CancellationToken cancellationToken)
    {
        Kill();
        await StartAsync(cancellationToken);
    }

    /// <summary>Kills every run still alive (not counted as a crash).</summary>
    public void StopAll()
    {
        lock (_runsLock)
        {
            foreach (var run in _runs)
            {
                run.Kill();
            }
        }
    }

    /// <summary>Fails when a run ended on its own (not killed by this supervisor).</summary>
    public void ThrowIfExitedUnexpectedly()
    {
        if (_current is { HasExited: true, WasKilled: false } run)
        {
            throw new InvalidOperationException($"The host {run.Label} ended unexpectedly.");
        }
    }

    /// <summary>The last lines of every run's output.</summary>
    public string OutputOfAllRuns()
    {
        lock (_runsLock)
        {
            return string.Join(Environment.NewLine, _runs.Select(r => r.OutputTail()));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        lock (_runsLock)
        {
            foreach (var run in _runs)
            {
                run.Dispose();
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => StopAll();
}
