using System.Diagnostics;

namespace CrmPlatform.Benchmarks;

/// <summary>What the process spent during a phase: wall time, CPU, allocations, collections, lock contention and the thread pool's queue.</summary>
internal sealed class ProcessMeter
{
    private readonly Reading _start = Reading.Now();
    private readonly PoolSampler _pool = PoolSampler.Start();

    public long Timestamp => _start.Timestamp;

    public static ProcessMeter Now() => new();

    /// <summary>What the process spent from the start of this meter until now; stops the meter.</summary>
    public Usage Elapsed()
    {
        var end = Reading.Now();
        _pool.Dispose();
        var usage = new Usage(
            Stopwatch.GetElapsedTime(_start.Timestamp, end.Timestamp),
            end.Cpu - _start.Cpu,
            end.Allocated - _start.Allocated,
            end.Gen0 - _start.Gen0,
            end.Gen1 - _start.Gen1,
            end.Gen2 - _start.Gen2,
            end.GcPause - _start.GcPause,
            end.Contention - _start.Contention,
            _pool.Describe(),
            end.MachineBusy - _start.MachineBusy);
        MostOtherCores = Math.Max(MostOtherCores, usage.OtherCores);
        return usage;
    }

    /// <summary>The most cores other processes kept busy during any measured phase of this run.</summary>
    public static double MostOtherCores { get; private set; }

    private readonly record struct Reading(
        long Timestamp, TimeSpan Cpu, long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long Contention, TimeSpan MachineBusy)
    {
        public static Reading Now()
        {
            using var process = Process.GetCurrentProcess();
            return new Reading(
                Stopwatch.GetTimestamp(),
                process.TotalProcessorTime,
                GC.GetTotalAllocatedBytes(precise: false),
                GC.CollectionCount(0),
                GC.CollectionCount(1),
                GC.CollectionCount(2),
                GC.GetTotalPauseDuration(),
                Monitor.LockContentionCount,
                MachineBusyTime());
        }

        /// <summary>CPU time all processes of the machine spent (Linux /proc/stat), or zero where unknown.</summary>
        private static TimeSpan MachineBusyTime()
        {
            try
            {
                if (!File.Exists("/proc/stat"))
                {
                    return TimeSpan.Zero;
                }

                // cpu  user nice system idle iowait irq softirq steal …, in USER_HZ (100 per second on Linux).
                var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var busy = new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture));
                return TimeSpan.FromSeconds(busy / 100.0);
            }
            catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException)
            {
                return TimeSpan.Zero;
            }
        }
    }
}

/// <summary>The difference between the start and the end of a <see cref="ProcessMeter"/>.</summary>
internal readonly record struct Usage(
    TimeSpan Elapsed, TimeSpan Cpu, long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long Contention, string Pool, TimeSpan MachineBusy)
{
    /// <summary>Average cores other processes kept busy during the phase: a loaded machine makes every figure worse.</summary>
    public double OtherCores => Math.Max(0, (MachineBusy - Cpu) / Elapsed);

    /// <summary>Average cores busy during the phase (all threads of the process).</summary>
    public double Cores => Cpu / Elapsed;

    public string Describe(long operations, string unit) =>
        $"CPU {Cores:F2} of {Environment.ProcessorCount} cores (other processes {OtherCores:F2}), {Cpu.TotalMicroseconds / operations:F0} µs CPU/{unit}, "
        + $"{Allocated / (double)operations / 1024:F1} KiB allocated/{unit}, GCs gen0/1/2 {Gen0}/{Gen1}/{Gen2}, "
        + $"GC pause {GcPause.TotalMilliseconds / Elapsed.TotalMilliseconds:P1}, lock contentions {Contention:N0}; {Pool}";
}
