using System.Diagnostics;

namespace CrmPlatform.IntegrationTests.Cluster;

/// <summary>
/// Several host processes forming one Orleans cluster through a PostgreSQL database, each with its
/// own data directory and ports. Requests go round-robin to the silos still running, as a load
/// balancer with health checks would send them. A crash kills one silo for good: the survivors
/// must take over its grains.
/// </summary>
internal sealed class HostCluster : ICrashTarget, IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly List<HostProcess> _silos = [];
    private readonly List<HostProcess> _killed = [];
    private readonly ClusterDatabase _database;
    private readonly HttpClient _http;
    private readonly Action<string> _log;
    private int _next;

    public HostCluster(string hostDll, string dataDirectory, int silos, ClusterDatabase database, HttpClient http, Action<string> log)
    {
        (_database, _http, _log) = (database, http, log);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        for (var n = 1; n <= silos; n++)
        {
            _silos.Add(HostProcess.Start(hostDll, Path.Combine(dataDirectory, $"silo{n}"), $"silo {n}",
            [
                "--Crm:Storage:Provider=Postgres",
                $"--Crm:Storage:ConnectionString={database.ConnectionString}",
            ]));
        }
    }

    /// <summary>The silos, in start order.</summary>
    public IReadOnlyList<HostProcess> Silos => _silos;

    /// <summary>The silos not killed.</summary>
    public IReadOnlyList<HostProcess> Survivors => [.. _silos.Except(_killed)];

    /// <summary>The silo a crash kills: the second one (Orleans spreads new activations over the silos, so it hosts a share of the customers).</summary>
    public HostProcess Victim => _silos[1];

    /// <inheritdoc />
    public int Kills => _killed.Count;

    /// <summary>When the victim was killed (a <see cref="Stopwatch"/> timestamp; 0 before).</summary>
    public long KilledAt { get; private set; }

    /// <summary>Waits until every silo answers <c>/health/ready</c> and the membership table lists them all as active.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(_silos.Select(async s =>
        {
            await s.WaitUntilReadyAsync(_http, ReadyTimeout, cancellationToken);
            _log($"{s.Label} (pid {s.ProcessId}) ready at {s.BaseAddress} after {clock.Elapsed.TotalSeconds:0.0} s");
        }));
        while (await _database.CountSilosAsync(ClusterDatabase.Active, cancellationToken) < _silos.Count)
        {
            ThrowIfExitedUnexpectedly();
            if (clock.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"Fewer than {_silos.Count} silos were active in orleans_membership after {ReadyTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100, cancellationToken);
        }

        _log($"all {_silos.Count} silos active in orleans_membership after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The admin key the first silo to start wrote to its data directory (any silo's works cluster-wide).</summary>
    public async Task<string> ReadAdminKeyAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (var silo in _silos)
            {
                var file = Path.Combine(silo.DataDirectory, "admin.key");
                if (File.Exists(file) && (await File.ReadAllTextAsync(file, cancellationToken)).Trim() is { Length: > 0 } key)
                {
                    return key;
                }
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException("No silo wrote an admin.key to its data directory.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The next running silo's API, round-robin.</summary>
    public Uri NextAddress()
    {
        var running = _silos.Where(s => !s.HasExited).ToArray();
        if (running.Length == 0)
        {
            throw new InvalidOperationException("No silo is running.");
        }

        return running[(int)((uint)Interlocked.Increment(ref _next) % running.Length)].BaseAddress;
    }

    /// <summary>Kills <see cref="Victim"/> with SIGKILL; it is not restarted.</summary>
    public Task CrashAsync(CancellationToken cancellationToken)
    {
        var victim = Victim;
        victim.Kill();
        _killed.Add(victim);
        KilledAt = Stopwatch.GetTimestamp();
        _log($"{victim.Label} (pid {victim.ProcessId}) killed with SIGKILL; not restarted");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void ThrowIfExitedUnexpectedly()
    {
        if (_silos.FirstOrDefault(s => s is { HasExited: true, WasKilled: false }) is { } silo)
        {
            throw new InvalidOperationException($"The host {silo.Label} ended unexpectedly.");
        }
    }

    /// <summary>Kills every silo still alive.</summary>
    public void StopAll()
    {
        foreach (var silo in _silos)
        {
            silo.Kill();
        }
    }

    /// <summary>The last lines of every silo's output.</summary>
    public string OutputOfAll() => string.Join(Environment.NewLine, _silos.Select(s => s.OutputTail()));

    /// <inheritdoc />
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => StopAll();
}
