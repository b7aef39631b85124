using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using CrmPlatform.Benchmarks;
using static CrmPlatform.Benchmarks.Report;

var options = BenchmarkOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error ?? BenchmarkOptions.Usage);
    if (error is not null)
    {
        Console.Error.WriteLine(BenchmarkOptions.Usage);
    }

    return error is null ? 0 : 2;
}

var total = Stopwatch.StartNew();
PrintMachine(args, options);

var goals = new List<string[]>();
var phases = options.Phases;
var customerIds = Enumerable.Range(0, options.Customers).Select(i => Workload.CustomerId("grain", i)).ToArray();
GrainResult? grains = null;

if (phases.Contains("grains") || phases.Contains("http"))
{
    await using var host = await PlatformHost.StartAsync("main");
    if (phases.Contains("grains"))
    {
        grains = await RunGrainsAsync(host, customerIds, options, goals);
    }

    if (phases.Contains("raw"))
    {
        // While the platform idles: its read model has caught up, so nothing else writes.
        await RunRawAsync(customerIds, options, grains, goals);
    }

    if (phases.Contains("http"))
    {
        await RunHttpAsync(host, options, goals);
    }

    Progress("stopping the platform");
}
else if (phases.Contains("raw"))
{
    await RunRawAsync(customerIds, options, grains, goals);
}

if (phases.Contains("plugins"))
{
    await RunPluginsAsync(options, grains, goals);
}

if (phases.Contains("memory"))
{
    await RunMemoryAsync(options, goals);
}

if (phases.Contains("churn"))
{
    await ChurnPhase.RunAsync(goals);
}

Title("Summary");
Grid($"Goals (total run time {S(total.Elapsed)})", ["figure", "measured", "goal", "verdict"], goals);
if (ProcessMeter.MostOtherCores >= 0.25)
{
    Console.WriteLine();
    Console.WriteLine($"  NOTE: other processes kept up to {ProcessMeter.MostOtherCores:F2} of the {Environment.ProcessorCount} cores busy during a measured phase;");
    Console.WriteLine("        the figures above understate what the platform does on an otherwise idle machine.");
}
return 0;

static string Verdict(bool met) => met ? "met" : "NOT MET";

static async Task<GrainResult> RunGrainsAsync(PlatformHost host, string[] customerIds, BenchmarkOptions options, List<string[]> goals)
{
    Title($"1. Grains in-process: {N(options.Customers)} customers x {N(options.Commands)} RecordInteraction commands");
    Progress($"registering {N(options.Customers)} customers, then sending {N(options.TotalCommands)} commands");
    var grains = await GrainBenchmark.RunAsync(host, customerIds, options.Commands, options.InFlightWindow);
    Table("Grains (each command = 1 event, acknowledged once durable in the SQLite log)",
    [
        ("registrations (untimed warm-up)", $"{N(grains.Registrations)} in {S(grains.RegistrationTime)} ({N(grains.Registrations / grains.RegistrationTime.TotalSeconds)}/s)"),
        ("warm-up (untimed)", $"{N(grains.WarmupCommands)} commands, then until the read model caught up and the JIT settled: {S(grains.WarmupTime)}"),
        ("commands in flight", $"{N(grains.InFlight)} (all customers at once, each customer's commands in sequence)"),
        ("commands", $"{N(grains.Commands)} in {S(grains.Usage.Elapsed)}"),
        ("durable commands/s", N(grains.CommandsPerSecond)),
        ("events/s", N(grains.CommandsPerSecond)),
        ("command latency", grains.Latencies.Summary()),
        ("failed commands", $"{N(grains.Failures)}{(grains.FirstFailure is { } f ? $" (first: {f})" : "")}"),
        ("events in log", $"{N(grains.EventsInLog)} (expected {N(grains.ExpectedEvents)}){(grains.EventsInLog == grains.ExpectedEvents ? "" : "  MISMATCH")}"),
        ("read model caught up", $"{S(grains.ReadModelLag)} after the last command"),
        ("process", grains.Usage.Describe(grains.Commands, "command")),
    ]);
    goals.Add(["grains events/s", N(grains.CommandsPerSecond), ">= 20,000", Verdict(grains.CommandsPerSecond >= 20_000)]);
    return grains;
}

static async Task RunRawAsync(string[] customerIds, BenchmarkOptions options, GrainResult? grains, List<string[]> goals)
{
    Title($"2. Raw batched inserts: {N(options.TotalCommands)} rows, one writer, same schema and pragmas");
    Progress("plain INSERTs");
    var raw = await RawInsertBenchmark.RunAsync(customerIds, options.Commands, RawMode.Plain);
    Progress("the log writer's per-append pattern");
    var rawWriter = await RawInsertBenchmark.RunAsync(customerIds, options.Commands, RawMode.WriterPattern);
    Grid($"Raw SQLite (journal_mode={raw.JournalMode}, synchronous={raw.Synchronous}, {N(raw.BatchSize)} rows per transaction, payload {raw.AveragePayloadBytes:F0} chars avg)",
        ["mode", "rows", "time", "rows/s", "CPU µs/row"],
        [
            ["plain INSERT", N(raw.Rows), S(raw.Usage.Elapsed), N(raw.RowsPerSecond), (raw.Usage.Cpu.TotalMicroseconds / raw.Rows).ToString("F1")],
            ["writer pattern: SELECT MAX + SAVEPOINT + INSERT RETURNING", N(rawWriter.Rows), S(rawWriter.Usage.Elapsed), N(rawWriter.RowsPerSecond), (rawWriter.Usage.Cpu.TotalMicroseconds / rawWriter.Rows).ToString("F1")],
        ]);
    if (grains is null)
    {
        return;
    }

    var ratio = grains.CommandsPerSecond / raw.RowsPerSecond;
    Table("Grains vs raw",
    [
        ("grains events/s / raw plain rows/s", $"{ratio:F2}"),
        ("grains events/s / raw writer-pattern rows/s", $"{grains.CommandsPerSecond / rawWriter.RowsPerSecond:F2}"),
    ]);
    goals.Add(["grains / raw ratio", $"{ratio:F2}", ">= 0.50", Verdict(ratio >= 0.5)]);
}

static async Task RunHttpAsync(PlatformHost host, BenchmarkOptions options, List<string[]> goals)
{
    Title($"3. HTTP on loopback: POST /api/customers/{{id}}/interactions ({N(options.HttpCustomers)} customers)");
    using var http = new HttpBenchmark(host, options.HttpCustomers, options.HttpWorkers);
    var registration = await http.RegisterAsync(options.HttpWorkers);
    Progress($"registered {N(options.HttpCustomers)} customers over HTTP in {S(registration)}; warming up for {S(options.HttpWarmup)}");
    _ = await http.RunClosedLoopAsync(options.HttpWorkers, options.HttpWarmup);
    Progress($"saturation: {options.HttpWorkers} workers for {S(options.HttpDuration)}");
    var saturation = await http.RunClosedLoopAsync(options.HttpWorkers, options.HttpDuration);
    var rate = Math.Max(1, Math.Floor(saturation.RequestsPerSecond / 2));
    Progress($"open loop: {N(rate)} requests/s for {S(options.HttpDuration)}");
    var openLoop = await http.RunOpenLoopAsync(rate, options.HttpDuration, maxOutstanding: 10_000);
    Table($"HTTP saturation (closed loop, {saturation.Workers} concurrent workers, client and server share the {Environment.ProcessorCount} cores)",
    [
        ("requests", $"{N(saturation.Latencies.Count)} ok, {N(saturation.Errors)} failed{(saturation.FirstError is { } e1 ? $" (first: {e1})" : "")}"),
        ("requests/s", N(saturation.RequestsPerSecond)),
        ("latency", saturation.Latencies.Summary()),
        ("process", saturation.Usage.Describe(Math.Max(1, saturation.Latencies.Count), "request")),
    ]);
    Table("HTTP open loop at half the saturation rate (latency from each request's scheduled time)",
    [
        ("target rate", $"{N(openLoop.TargetRate)}/s for {S(options.HttpDuration)} ({N(openLoop.Scheduled)} requests)"),
        ("achieved rate", $"{N(openLoop.AchievedRate)}/s ({N(openLoop.Completed)} ok, {N(openLoop.Errors)} failed, {N(openLoop.Dropped)} not sent: over 10,000 outstanding){(openLoop.FirstError is { } e2 ? $" (first error: {e2})" : "")}"),
        ("latency", openLoop.Latencies.Summary()),
        ("most outstanding", N(openLoop.MaxOutstanding)),
        ("process", openLoop.Usage.Describe(Math.Max(1, openLoop.Completed), "request")),
    ]);
    goals.Add(["HTTP saturation requests/s", N(saturation.RequestsPerSecond), ">= 5,000", Verdict(saturation.RequestsPerSecond >= 5_000)]);
    goals.Add(["HTTP p99 at half rate", Ms(openLoop.Latencies.P99), "< 20 ms", Verdict(openLoop.Latencies.P99 < 20 && openLoop.Errors == 0)]);
}

static async Task RunPluginsAsync(BenchmarkOptions options, GrainResult? grains, List<string[]> goals)
{
    Title($"5. Plugins: delivery to the Counter test plugin (count-only) in a fresh platform, {N(options.Customers)} customers x {N(options.Commands)} commands");
    PluginResult plugins;
    await using (var host = await PlatformHost.StartAsync("plugins"))
    {
        plugins = await PluginBenchmark.RunAsync(host, options, options.PluginRate, options.HttpDuration);
        Progress("stopping the platform");
    }

    var keepUp = plugins.LiveDeliveryRate / plugins.AppendRate;
    Table("Plugin delivery (subscription pumps: one per log partition, batches of up to 256 events)",
    [
        ("live: appended while the Counter follows", $"{N(plugins.LiveEvents)} events in {S(plugins.AppendTime)} ({N(plugins.AppendRate)} events/s)"),
        ("live: delivered", $"all {N(plugins.LiveEvents)} {S(plugins.DeliveredAfterAppend)} after the last append ({N(plugins.LiveDeliveryRate)} events/s from the first append)"),
        ("live: delivery rate / append rate", $"{keepUp:F2}"),
        ("core append rate (phase 1, no plugin)", grains is null ? "phase 1 not run" : $"{N(grains.CommandsPerSecond)} events/s; delivery / core append {plugins.LiveDeliveryRate / grains.CommandsPerSecond:F2}"),
        ("replay: Counter installed on the full log", $"{N(plugins.ReplayEvents)} events in {S(plugins.ReplayTime)} ({N(plugins.ReplayRate)} events/s, install included)"),
        ("paced: appended", $"{N(plugins.PacedEvents)} events at {N(plugins.PacedTargetRate)}/s target, {N(plugins.PacedEvents / plugins.PacedAppendTime.TotalSeconds)}/s achieved"),
        ("paced: append-to-handler latency", plugins.PacedLatencies.Summary()),
        ("paced: command latency (for comparison)", plugins.PacedCommandLatencies.Summary()),
        ("failed commands", N(plugins.Failures)),
    ]);
    goals.Add(["plugin delivery / append rate", $"{keepUp:F2}", ">= 0.95", Verdict(keepUp >= 0.95)]);
    goals.Add([$"plugin p99 append-to-handler at {N(plugins.PacedTargetRate)}/s", Ms(plugins.PacedLatencies.P99), "< 100 ms", Verdict(plugins.PacedLatencies.P99 < 100)]);
}

static async Task RunMemoryAsync(BenchmarkOptions options, List<string[]> goals)
{
    Title($"4. Memory: {N(options.MemoryCustomers)} customers registered and active in a fresh platform");
    MemoryResult memory;
    await using (var host = await PlatformHost.StartAsync("memory"))
    {
        Progress($"registering {N(options.MemoryCustomers)} customers");
        memory = await MemoryBenchmark.RunAsync(host, options.MemoryCustomers, options.InFlightWindow);
        Progress("stopping the platform");
    }

    Grid("Process memory after a full blocking, compacting GC",
        ["", "before", "after", "per customer"],
        [
            ["grain activations", N(memory.Before.Activations), N(memory.After.Activations), ""],
            ["working set (Environment.WorkingSet)", MiB(memory.Before.WorkingSet), MiB(memory.After.WorkingSet), Bytes(memory.WorkingSetBytesPerCustomer)],
            ["private bytes (PrivateMemorySize64)", MiB(memory.Before.PrivateBytes), MiB(memory.After.PrivateBytes), Bytes((memory.After.PrivateBytes - memory.Before.PrivateBytes) / (double)memory.Customers)],
            ["GC heap (live objects)", MiB(memory.Before.GcHeap), MiB(memory.After.GcHeap), Bytes(memory.HeapBytesPerCustomer)],
            ["GC committed", MiB(memory.Before.GcCommitted), MiB(memory.After.GcCommitted), ""],
        ]);
    Console.WriteLine($"  registering them took {S(memory.ActivationTime)} ({N(memory.Customers / memory.ActivationTime.TotalSeconds)} customers/s, one event each); {memory.Usage.Describe(memory.Customers, "customer")}");
    goals.Add([$"working set with {N(memory.Customers)} customers", MiB(memory.After.WorkingSet), "< 1,024 MiB", Verdict(memory.After.WorkingSet < 1L << 30)]);
}

static void PrintMachine(string[] args, BenchmarkOptions options)
{
    Title("CrmPlatform benchmarks");
    var debuggable = typeof(BenchmarkOptions).Assembly.GetCustomAttribute<DebuggableAttribute>();
    var optimized = debuggable is null || !debuggable.IsJITOptimizerDisabled;
    Table("Run",
    [
        ("command line", $"dotnet run -c {(optimized ? "Release" : "Debug")} --project tests/CrmPlatform.Benchmarks --{(args.Length == 0 ? "" : " " + string.Join(' ', args))}"),
        ("process command line", Environment.CommandLine),
        ("processors", $"{Environment.ProcessorCount} logical ({CpuModel()})"),
        ("memory", MiB(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) + " available to the GC"),
        ("runtime", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture}), server GC {GCSettings.IsServerGC}, {GCSettings.LatencyMode}"),
        ("os", RuntimeInformation.OSDescription),
        ("build", optimized ? "optimized (Release)" : "NOT optimized (Debug): figures are not representative"),
        ("temp directory", Path.GetTempPath()),
        ("sizes", $"{N(options.Customers)} customers x {N(options.Commands)} commands; HTTP {options.HttpWorkers} workers, {S(options.HttpDuration)} per run; memory {N(options.MemoryCustomers)} customers{(options.Quick ? " (quick)" : "")}"),
        ("phases", string.Join(", ", BenchmarkOptions.AllPhases.Where(options.Phases.Contains))),
    ]);
}

static string CpuModel()
{
    try
    {
        return File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
    }
    catch (IOException)
    {
        return "unknown";
    }
}
