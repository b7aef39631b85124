using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.IntegrationTests.Plugins;

/// <summary>
/// A plugin installed on a log that already holds 100,000 events receives all of them: its
/// subscription starts at the beginning of the log and catches up.
/// </summary>
public sealed class PluginReplayTests(ITestOutputHelper output)
{
    private const string Counter = "test.counter";
    private const int Customers = 1_000;
    private const int Events = 100_000;
    private const int Workers = 48;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact(Timeout = 240_000)]
    public async Task Install_OnALogOf100000Events_ReceivesEveryOne()
    {
        var runId = Guid.NewGuid().ToString("N")[..6];
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"crm-plugins-replay-{runId}");
        var counterFiles = Path.Combine(dataDirectory, "counter-files");
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(230));
        var ct = budget.Token;
        using var http = SingleHost.NewHttpClient(Workers + 8);
        using var host = await SingleHost.StartAsync(dataDirectory, http, [], ct);
        await KeptOnFailure.RunAsync(dataDirectory, () => host.Process.Kill(), () => host.Process.OutputTail(), Log, output, async () =>
        {
            var writing = Stopwatch.StartNew();
            var customers = await host.RegisterCustomersAsync($"replay-{runId}", Customers, Workers, ct);
            var interactions = Enumerable.Range(0, Events - Customers).Select(i =>
            {
                var customer = customers[i % Customers];
                return new PlannedCommand(
                    i, customer, "interaction", $"api/customers/{customer}/interactions",
                    $$"""{"channel":"email","direction":"inbound","subject":"Replay {{i}}"}""", $"replay-{runId}-i{i:D6}");
            });
            var failed = 0;
            await Parallel.ForEachAsync(interactions, new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = ct }, async (command, token) =>
            {
                if (!(await host.Commands.SendAsync(command, token)).IsAcknowledged)
                {
                    Interlocked.Increment(ref failed);
                }
            });
            writing.Stop();
            var logged = CountEvents(dataDirectory);
            Log($"wrote {logged} events through the API in {writing.Elapsed.TotalSeconds:0.0} s ({logged / writing.Elapsed.TotalSeconds:0} events/s), {failed} commands refused");
            Assert.Equal(0, failed);
            Assert.Equal(Events, logged);

            var replay = Stopwatch.StartNew();
            await host.Admin.InstallAsync(TestPluginPackages.Create(TestPluginPackages.Counter, Counter), ct);
            await host.Admin.SetSettingsAsync(Counter, new { mode = "lines", directory = counterFiles }, ct);
            await host.Admin.WaitUntilCaughtUpAsync(Counter, TimeSpan.FromSeconds(150), ct, TimeSpan.FromMilliseconds(250));
            replay.Stop();
            Log($"Counter installed and caught up with {Events} events in {replay.Elapsed.TotalSeconds:0.0} s ({Events / replay.Elapsed.TotalSeconds:0} events/s, install and settings included)");

            var files = CounterFiles.Read(counterFiles, Counter);
            var (missing, unknown, duplicates, distinct) = files.Compare(ReadEventIds(dataDirectory));
            Log($"Counter files: {files.Lines.Count} lines, {distinct} distinct events, {duplicates} repeats, {missing.Count} missing, {unknown.Count} unknown");
            Assert.Equal(Events, distinct);
            Assert.Empty(missing);
            Assert.Empty(unknown);
        });
    }

    private static long CountEvents(string dataDirectory)
    {
        using var connection = Open(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM events";
        return (long)command.ExecuteScalar()!;
    }

    private static List<Guid> ReadEventIds(string dataDirectory)
    {
        using var connection = Open(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_id FROM events";
        var ids = new List<Guid>(Events);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }

        return ids;
    }

    private static SqliteConnection Open(string dataDirectory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "events.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private void Log(string message) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {message}");
}
