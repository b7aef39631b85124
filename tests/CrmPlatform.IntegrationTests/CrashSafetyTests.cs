using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CrmPlatform.IntegrationTests;

/// <summary>
/// The platform's crash-safety promise, end to end: a client sends 10,000 commands with idempotency
/// keys while the host process is killed with SIGKILL and restarted on the same data directory, and
/// retries each command until it is acknowledged. Afterwards every acknowledged command is in the
/// log exactly once, streams have no gaps, and the API and the read model agree with the log.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Customers = 200;
    private const int Commands = 10_000;
    private const int Workers = 24;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan ReadModelTimeout = TimeSpan.FromSeconds(30);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact(Timeout = 270_000)]
    public async Task Host_KilledAndRestartedUnderLoad_KeepsEveryAcknowledgedCommandExactlyOnce()
    {
        var seed = Environment.GetEnvironmentVariable("CRM_CRASH_SEED") is { Length: > 0 } given
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var runId = Guid.NewGuid().ToString("N")[..6];
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"crm-crash-{runId}");
        Log($"seed {seed} (set CRM_CRASH_SEED to repeat), data in {dataDirectory}");

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        budget.CancelAfter(Budget);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            MaxConnectionsPerServer = Workers + 8,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        using var hosts = new HostSupervisor(HostBinaries.HostDll(), dataDirectory, http, Log);
        await KeptOnFailure.RunAsync(dataDirectory, () => hosts.StopAll(), () => hosts.OutputOfAllRuns(), Log, output, async () =>
        {
            await hosts.StartAsync(budget.Token);
            var apiKey = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, "admin.key"), budget.Token)).Trim();
            var client = new CommandClient(http, () => hosts.BaseAddress, apiKey);
            var plan = CommandPlan.Create(Customers, Commands, seed, runId);

            var load = new LoadRun(client, hosts, Workers, Log);
            var acknowledgements = await load.RunAsync(plan, KillThresholds(seed), budget.Token);
            Log($"{Commands} commands acknowledged in {load.Elapsed.TotalSeconds:0.0} s: {Commands / load.Elapsed.TotalSeconds:0} commands/s " +
                $"(with {hosts.Kills} kills and restarts); {client.Attempts} attempts, {client.Attempts - Commands} retries ({client.RetryReasons}); " +
                $"{acknowledgements.Count(a => a.Replayed)} answers were idempotent replays; " +
                $"{acknowledgements.Count(a => a.Attempts > 1)} commands needed more than one attempt");

            await WaitForReadModelAsync(dataDirectory, budget.Token);
            var views = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            await Parallel.ForEachAsync(
                plan.Registrations,
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = budget.Token },
                async (r, ct) => views[r.CustomerId] = await client.GetAsync($"api/customers/{r.CustomerId}", ct));
            var readModel = DataFiles.ReadCustomers(dataDirectory);
            hosts.StopAll();

            var events = DataFiles.ReadEvents(dataDirectory);
            var audit = new LogAudit(events);
            audit.CheckAcknowledgements(acknowledgements);
            audit.CheckStreamsAndReplay(plan.Registrations.Select(r => r.CustomerId));
            audit.CheckViews(views);
            audit.CheckReadModel(readModel);
            Log($"log: {events.Count} events for {events.Select(e => e.CustomerId).Distinct().Count()} customers, " +
                $"{audit.EventsWithoutKey} without an idempotency key; {audit.Problems.Count} problems");
            foreach (var problem in audit.Problems.Take(40))
            {
                Log($"PROBLEM {problem}");
            }

            Assert.True(hosts.Kills >= 2, $"The host was killed {hosts.Kills} times; the test needs at least 2.");
            Assert.True(audit.Problems.Count == 0, $"{audit.Problems.Count} problems, first: {audit.Problems.FirstOrDefault()}");
        });
    }

    /// <summary>Three kills at random-ish points of the load: early, midway and late.</summary>
    private static int[] KillThresholds(int seed)
    {
        var random = new Random(seed ^ 0x5EED);
        return [random.Next(2_000, 3_500), random.Next(5_000, 6_500), random.Next(7_500, 9_000)];
    }

    /// <summary>Waits until the read model's checkpoint reaches the head of the log.</summary>
    private async Task WaitForReadModelAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (head, projected) = DataFiles.ReadPositions(dataDirectory);
            if (projected >= head)
            {
                Log($"read model at log head {head} after {clock.Elapsed.TotalSeconds:0.0} s");
                return;
            }

            if (clock.Elapsed > ReadModelTimeout)
            {
                Log($"read model stuck at {projected} of {head} after {ReadModelTimeout.TotalSeconds:0} s");
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void Log(string message) =>
        output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {message}");
}
