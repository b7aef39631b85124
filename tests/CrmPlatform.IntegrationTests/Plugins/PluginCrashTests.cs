using System.Diagnostics;
using System.Globalization;

namespace CrmPlatform.IntegrationTests.Plugins;

/// <summary>
/// Delivery to plugins is at least once across crashes: while a client sends commands with
/// idempotency keys, the host is killed with SIGKILL (mid-deliveries to the Counter plugin) and
/// restarted on the same data directory. Once the Counter has caught up, every event of the log is
/// in its files at least once, and exactly once after removing repeats by event id.
/// </summary>
public sealed class PluginCrashTests(ITestOutputHelper output)
{
    private const string Counter = "test.counter";
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact(Timeout = 150_000)]
    public async Task Host_KilledMidDelivery_EveryEventReachesThePluginAtLeastOnce()
    {
        var seed = Environment.GetEnvironmentVariable("CRM_CRASH_SEED") is { Length: > 0 } given
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var runId = Guid.NewGuid().ToString("N")[..6];
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"crm-plugins-crash-{runId}");
        var counterFiles = Path.Combine(dataDirectory, "counter-files");
        Log($"seed {seed} (set CRM_CRASH_SEED to repeat), data in {dataDirectory}");
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(140));
        var ct = budget.Token;
        using var http = SingleHost.NewHttpClient(40);
        using var hosts = new HostSupervisor(HostBinaries.HostDll(), dataDirectory, http, Log);
        await KeptOnFailure.RunAsync(dataDirectory, () => hosts.StopAll(), () => hosts.OutputOfAllRuns(), Log, output, async () =>
        {
            await hosts.StartAsync(ct);
            var apiKey = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, "admin.key"), ct)).Trim();
            var admin = new PluginAdmin(http, () => hosts.BaseAddress, apiKey);
            await admin.InstallAsync(TestPluginPackages.Create(TestPluginPackages.Counter, Counter), ct);
            await admin.SetSettingsAsync(Counter, new { mode = "lines", directory = counterFiles }, ct);

            var client = new CommandClient(http, () => hosts.BaseAddress, apiKey);
            await WaitForFirstDeliveryAsync(client, counterFiles, runId, ct);
            var plan = CommandPlan.Create(100, 4_000, seed, runId);
            var random = new Random(seed);
            var load = new LoadRun(client, hosts, 24, Log);
            var acknowledgements = await load.RunAsync(plan, [random.Next(1_000, 1_600), random.Next(2_400, 3_000)], ct);
            Log($"{acknowledgements.Count} commands acknowledged in {load.Elapsed.TotalSeconds:0.0} s with {hosts.Kills} kills; {client.Attempts - acknowledgements.Count} retries ({client.RetryReasons})");
            var refused = acknowledgements.Count(a => !a.IsAcknowledged);
            var caughtUp = await admin.WaitUntilCaughtUpAsync(Counter, TimeSpan.FromSeconds(60), ct);
            Log($"Counter caught up {caughtUp.TotalSeconds:0.0} s after the load");
            hosts.StopAll();

            var events = DataFiles.ReadEvents(dataDirectory);
            var files = CounterFiles.Read(counterFiles, Counter);
            var (missing, unknown, duplicates, distinct) = files.Compare(events.Select(e => Guid.Parse(e.EventId)));
            Log($"log: {events.Count} events; Counter files: {files.Lines.Count} lines in {files.LinesPerFile.Count} files " +
                $"({string.Join(", ", files.LinesPerFile.Select(f => $"{f.Key}: {f.Value}"))}), {distinct} distinct events, " +
                $"{duplicates} repeats (redelivered after a kill), {files.Malformed} malformed lines; {missing.Count} events missing, {unknown.Count} unknown");

            Assert.Equal(0, refused);
            Assert.Equal(2, hosts.Kills);
            Assert.True(missing.Count == 0, $"{missing.Count} events of the log never reached the plugin, first: {missing.FirstOrDefault()}");
            Assert.True(unknown.Count == 0, $"{unknown.Count} event ids in the Counter files are not in the log, first: {unknown.FirstOrDefault()}");
            Assert.Equal(events.Count, distinct);
            Assert.Equal(0, files.Malformed);
            Assert.True(files.LinesPerFile.Count == 3, "The Counter did not write from all three host runs: a kill did not land mid-deliveries.");
        });
    }

    /// <summary>Registers one customer and waits until the Counter has recorded it: its subscription runs, so the kills land mid-deliveries.</summary>
    private async Task WaitForFirstDeliveryAsync(CommandClient client, string counterFiles, string runId, CancellationToken ct)
    {
        var id = $"crash-{runId}-first";
        var body = $$"""{"id":"{{id}}","firstName":"Ada","lastName":"First","emails":["first@example.com"]}""";
        await client.SendAsync(new PlannedCommand(-1, id, "register", "api/customers", body, $"crash-{runId}-first"), ct);
        var clock = Stopwatch.StartNew();
        while (CounterFiles.Read(counterFiles, Counter).Lines.Count == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "The Counter recorded nothing within 20 s of its installation.");
            await Task.Delay(50, ct);
        }

        Log($"the Counter recorded its first event {clock.Elapsed.TotalSeconds:0.0} s after it was sent");
    }

    private void Log(string message) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {message}");
}
