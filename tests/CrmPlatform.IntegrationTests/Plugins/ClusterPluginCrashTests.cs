using System.Diagnostics;
using System.Globalization;
using CrmPlatform.IntegrationTests.Cluster;

namespace CrmPlatform.IntegrationTests.Plugins;

/// <summary>
/// Delivery to plugins in cluster mode survives a dead silo: three host processes on one PostgreSQL
/// database; the Counter plugin is installed through one silo (the others load it from the shared
/// catalog), and its subscription's partitions are spread over the silos as worker grains. A silo
/// is killed with SIGKILL in the middle of deliveries and not restarted; its partitions come back
/// on the survivors, which go on from the last stored checkpoints. Every event of the log reaches
/// the plugin at least once, and exactly once after removing repeats by event id.
/// </summary>
public sealed class ClusterPluginCrashTests(ITestOutputHelper output)
{
    private const string Counter = "test.counter";
    private const int Silos = 3;
    private const int Workers = 24;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact(Timeout = 240_000)]
    public async Task Silo_KilledMidDelivery_EveryEventReachesThePluginAtLeastOnce()
    {
        var seed = Environment.GetEnvironmentVariable("CRM_CRASH_SEED") is { Length: > 0 } given
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var runId = Guid.NewGuid().ToString("N")[..6];
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"crm-cluster-plugins-{runId}");
        var counterFiles = Path.Combine(dataDirectory, "counter-files");
        Log($"seed {seed} (set CRM_CRASH_SEED to repeat), data in {dataDirectory}");
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(220));
        var ct = budget.Token;
        await using var database = await ClusterDatabase.CreateAsync(ct);
        using var http = SingleHost.NewHttpClient(Workers + 8);
        using var cluster = new HostCluster(HostBinaries.HostDll(), dataDirectory, Silos, database, http, Log);
        await KeptOnFailure.RunAsync(dataDirectory, () => cluster.StopAll(), () => cluster.OutputOfAll(), Log, output, async () =>
        {
            await cluster.WaitUntilReadyAsync(ct);
            var apiKey = await cluster.ReadAdminKeyAsync(ct);
            var first = cluster.Silos[0];
            var admin = new PluginAdmin(http, () => first.BaseAddress, apiKey);
            await admin.InstallAsync(TestPluginPackages.Create(TestPluginPackages.Counter, Counter), ct);
            await admin.SetSettingsAsync(Counter, new { mode = "lines", directory = counterFiles }, ct);

            var client = new CommandClient(http, cluster.NextAddress, apiKey);
            var plan = CommandPlan.Create(200, 6_000, seed, runId);
            var killAt = new Random(seed).Next(2_000, 3_000);
            var victim = cluster.Victim.ProcessId;
            var load = new LoadRun(client, cluster, Workers, Log);
            var acknowledgements = await load.RunAsync(plan, [killAt], ct);
            Log($"{acknowledgements.Count} commands acknowledged in {load.Elapsed.TotalSeconds:0.0} s, one silo killed at ~{killAt}; " +
                $"{client.Attempts - acknowledgements.Count} retries ({client.RetryReasons})");
            Assert.Equal(1, cluster.Kills);
            Assert.Equal(0, acknowledgements.Count(a => !a.IsAcknowledged));

            var survivor = new PluginAdmin(http, () => cluster.Survivors[0].BaseAddress, apiKey);
            var caughtUp = await survivor.WaitUntilCaughtUpAsync(Counter, TimeSpan.FromSeconds(90), ct);
            Log($"Counter caught up {caughtUp.TotalSeconds:0.0} s after the load");
            cluster.StopAll();

            var events = await database.ReadEventsAsync(ct);
            var files = CounterFiles.Read(counterFiles, Counter);
            var (missing, unknown, duplicates, distinct) = files.Compare(events.Select(e => Guid.Parse(e.EventId)));
            Log($"log: {events.Count} events; Counter files: {files.Lines.Count} lines in {files.LinesPerFile.Count} files " +
                $"({string.Join(", ", files.LinesPerFile.Select(f => $"{f.Key}: {f.Value}"))}), {distinct} distinct events, " +
                $"{duplicates} repeats, {files.Malformed} malformed lines; {missing.Count} missing, {unknown.Count} unknown");

            Assert.True(missing.Count == 0, $"{missing.Count} events of the log never reached the plugin, first: {missing.FirstOrDefault()}");
            Assert.True(unknown.Count == 0, $"{unknown.Count} event ids in the Counter files are not in the log, first: {unknown.FirstOrDefault()}");
            Assert.Equal(events.Count, distinct);
            Assert.Equal(0, files.Malformed);
            Assert.True(files.LinesPerFile.Count >= 2, "Deliveries ran on one silo only: the subscription's partitions were not spread over the cluster.");
            Assert.True(
                files.LinesPerFile.Keys.Any(f => f.Contains($".{victim}.", StringComparison.Ordinal)),
                "The killed silo had delivered nothing: the kill did not land mid-deliveries.");
        });
    }

    private void Log(string message) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {message}");
}
