using System.Diagnostics;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;

namespace CrmPlatform.Benchmarks;

internal sealed record GrainResult(
    long Registrations,
    TimeSpan RegistrationTime,
    long WarmupCommands,
    TimeSpan WarmupTime,
    long Commands,
    int InFlight,
    Usage Usage,
    Latencies Latencies,
    long Failures,
    string? FirstFailure,
    long EventsInLog,
    long ExpectedEvents,
    TimeSpan ReadModelLag)
{
    public double CommandsPerSecond => (Commands - Failures) / Usage.Elapsed.TotalSeconds;
}

/// <summary>Customers' commands sent to their grains in-process, all customers at once, each customer's commands one after another.</summary>
internal static class GrainBenchmark
{
    public static async Task<GrainResult> RunAsync(PlatformHost host, IReadOnlyList<string> customerIds, int commands, int window)
    {
        var grains = host.Grains;
        var inFlight = Math.Min(customerIds.Count, window);

        // Registration activates every grain and warms the whole path up; it is timed separately.
        var registered = Stopwatch.StartNew();
        var registrationFailures = 0L;
        string? firstFailure = null;
        await Workers.RunAsync(inFlight, async worker =>
        {
            for (var c = worker; c < customerIds.Count; c += inFlight)
            {
                var result = await grains.GetGrain<ICustomerGrain>(customerIds[c]).ExecuteAsync(Workload.Registration(c), Workload.NewContext());
                if (result.Status != CommandStatus.Accepted)
                {
                    Interlocked.Increment(ref registrationFailures);
                    Interlocked.CompareExchange(ref firstFailure, $"register {customerIds[c]}: {result.Status} {result.Detail}", null);
                }
            }
        });
        registered.Stop();
        if (registrationFailures > 0)
        {
            throw new InvalidOperationException($"{registrationFailures} registrations failed; first: {firstFailure}");
        }

        // Then a few commands per customer, untimed, and a pause until the JIT has compiled the hot
        // path's optimised code: what is measured is the steady state of a running platform, not its
        // first seconds (this process started a moment ago).
        var warmupCommands = Math.Max(5, commands / 5);
        var warmup = Stopwatch.StartNew();
        await Workers.RunAsync(inFlight, async worker =>
        {
            for (var c = worker; c < customerIds.Count; c += inFlight)
            {
                var grain = grains.GetGrain<ICustomerGrain>(customerIds[c]);
                for (var j = 0; j < warmupCommands; j++)
                {
                    await grain.ExecuteAsync(Workload.Interaction(commands + j), Workload.NewContext());
                }
            }
        });
        await host.Projector.WaitForAsync(await host.EventLog.GetHeadPositionAsync(), TimeSpan.FromMinutes(2));
        await Jit.SettledAsync();
        warmup.Stop();
        Console.WriteLine($"  .. warmed up in {warmup.Elapsed.TotalSeconds:F1} s; measuring");

        var latencies = new long[customerIds.Count * commands];
        var failures = 0L;
        GC.Collect();
        var meter = ProcessMeter.Now();
        await Workers.RunAsync(inFlight, async worker =>
        {
            for (var c = worker; c < customerIds.Count; c += inFlight)
            {
                var grain = grains.GetGrain<ICustomerGrain>(customerIds[c]);
                for (var j = 0; j < commands; j++)
                {
                    var command = Workload.Interaction(j);
                    var context = Workload.NewContext();
                    var started = Stopwatch.GetTimestamp();
                    var result = await grain.ExecuteAsync(command, context);
                    latencies[(c * commands) + j] = Stopwatch.GetTimestamp() - started;
                    if (result.Status != CommandStatus.Accepted)
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstFailure, $"{customerIds[c]} #{j}: {result.Status} {result.Detail}", null);
                    }
                }
            }
        });
        var usage = meter.Elapsed();

        // How far behind the read model (a second SQLite file fed from the log) is once the writes stop.
        var lag = Stopwatch.StartNew();
        await host.Projector.WaitForAsync(await host.EventLog.GetHeadPositionAsync(), TimeSpan.FromMinutes(2));
        lag.Stop();

        var expected = customerIds.Count + ((long)customerIds.Count * (warmupCommands + commands));
        return new GrainResult(
            customerIds.Count, registered.Elapsed, (long)customerIds.Count * warmupCommands, warmup.Elapsed, latencies.Length, inFlight, usage, new Latencies(latencies),
            failures, firstFailure, host.CountEvents(), expected, lag.Elapsed);
    }
}

/// <summary>The JIT's progress.</summary>
internal static class Jit
{
    /// <summary>
    /// Waits until the JIT has compiled (almost) nothing new for half a second, at most five seconds:
    /// tiered compilation replaces the warm-up's first code in the background. The platform's timers
    /// keep compiling the odd method, hence "almost".
    /// </summary>
    public static async Task SettledAsync()
    {
        var waited = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(500);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now - compiled < 5)
            {
                return;
            }

            compiled = now;
        }
    }
}

/// <summary>Runs <c>count</c> asynchronous workers on the thread pool and waits for all of them.</summary>
internal static class Workers
{
    public static Task RunAsync(int count, Func<int, Task> worker) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(w => Task.Run(() => worker(w))));
}
