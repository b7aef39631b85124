using System.Diagnostics;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;

namespace CrmPlatform.Benchmarks;

internal sealed record PluginResult(
    long LiveEvents,
    TimeSpan AppendTime,
    TimeSpan DeliveredAfterAppend,
    long ReplayEvents,
    TimeSpan ReplayTime,
    double PacedTargetRate,
    long PacedEvents,
    TimeSpan PacedAppendTime,
    Latencies PacedLatencies,
    Latencies PacedCommandLatencies,
    long Failures)
{
    /// <summary>Events appended per second while the Counter followed.</summary>
    public double AppendRate => LiveEvents / AppendTime.TotalSeconds;

    /// <summary>Events delivered per second, from the first append until the Counter had them all.</summary>
    public double LiveDeliveryRate => LiveEvents / (AppendTime + DeliveredAfterAppend).TotalSeconds;

    /// <summary>Events delivered per second to a Counter installed on a full log.</summary>
    public double ReplayRate => ReplayEvents / ReplayTime.TotalSeconds;
}

/// <summary>
/// Delivery to plugins: the Counter test plugin (count-only, so the figures are the runtime's)
/// follows the log while the grain benchmark's load appends; then a second Counter installed on the
/// full log replays it; then a paced load measures append-to-handler latency.
/// </summary>
internal static class PluginBenchmark
{
    private const string Live = "bench.counter.live";
    private const string Replay = "bench.counter.replay";
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromMinutes(3);

    public static async Task<PluginResult> RunAsync(PlatformHost host, BenchmarkOptions options, double pacedRate, TimeSpan pacedDuration)
    {
        using var meter = new CounterMeter();
        using var admin = new PluginAdminClient(host);
        var grains = host.Grains;
        var ids = Enumerable.Range(0, options.Customers).Select(i => Workload.CustomerId("plugin", i)).ToArray();
        var window = Math.Min(ids.Length, options.InFlightWindow);
        var failures = 0L;

        await admin.InstallCounterAsync(Live);
        await Workers.RunAsync(window, async w =>
        {
            for (var c = w; c < ids.Length; c += window)
            {
                Count(await grains.GetGrain<ICustomerGrain>(ids[c]).ExecuteAsync(Workload.Registration(c), Workload.NewContext()), ref failures);
            }
        });
        Require(await meter.WaitForAsync(Live, ids.Length, DeliveryTimeout), "the live Counter did not get the registrations");

        // 1. Live: the grain benchmark's load while the Counter follows.
        Report.Progress($"live: {Report.N(options.TotalCommands)} commands while {Live} follows");
        var before = meter.Handled(Live);
        var clock = Stopwatch.StartNew();
        await Workers.RunAsync(window, async w =>
        {
            for (var c = w; c < ids.Length; c += window)
            {
                var grain = grains.GetGrain<ICustomerGrain>(ids[c]);
                for (var j = 0; j < options.Commands; j++)
                {
                    Count(await grain.ExecuteAsync(Workload.Interaction(j), Workload.NewContext()), ref failures);
                }
            }
        });
        var appendTime = clock.Elapsed;
        Require(await meter.WaitForAsync(Live, before + options.TotalCommands, DeliveryTimeout), "the live Counter did not get every command's event");
        var delivered = clock.Elapsed - appendTime;

        // 2. Replay: a second Counter on the full log.
        var logged = host.CountEvents();
        Report.Progress($"replay: {Replay} installed on a log of {Report.N(logged)} events");
        clock.Restart();
        await admin.InstallCounterAsync(Replay);
        Require(await meter.WaitForAsync(Replay, logged, DeliveryTimeout), "the replaying Counter did not get every event");
        var replayTime = clock.Elapsed;
        await admin.UninstallAsync(Replay);

        // 3. Paced: append-to-handler latency at a fixed rate.
        Report.Progress($"paced: {Report.N(pacedRate)} events/s for {Report.S(pacedDuration)}");
        var total = (int)(pacedRate * pacedDuration.TotalSeconds);
        before = meter.Handled(Live);
        meter.Collect(Live);
        clock.Restart();
        var sends = new List<Task>(total);
        var commandTicks = new System.Collections.Concurrent.ConcurrentBag<long>();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / pacedRate);
            if (due - clock.Elapsed > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var grain = grains.GetGrain<ICustomerGrain>(ids[i % ids.Length]);
            var command = Workload.Interaction(options.Commands + i);
            sends.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                Count(await grain.ExecuteAsync(command, Workload.NewContext()), ref failures);
                commandTicks.Add(Stopwatch.GetTimestamp() - started);
            }));
        }

        await Task.WhenAll(sends);
        var pacedAppend = clock.Elapsed;
        Require(await meter.WaitForAsync(Live, before + total, DeliveryTimeout), "the live Counter did not get every paced event");
        meter.Collect(null);
        return new PluginResult(
            options.TotalCommands, appendTime, delivered, logged, replayTime, pacedRate, total, pacedAppend,
            new Latencies(meter.Latencies().Select(ms => (long)(ms * Stopwatch.Frequency / 1_000))), new Latencies(commandTicks), failures);
    }

    private static void Count(CommandResult result, ref long failures)
    {
        if (result.Status != CommandStatus.Accepted)
        {
            Interlocked.Increment(ref failures);
        }
    }

    private static void Require(bool met, string what)
    {
        if (!met)
        {
            throw new TimeoutException($"{what} within {DeliveryTimeout.TotalMinutes:0} minutes.");
        }
    }
}
