using System.Diagnostics;
using System.Runtime;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;

namespace CrmPlatform.Benchmarks;

internal readonly record struct MemorySnapshot(long WorkingSet, long PrivateBytes, long GcHeap, long GcCommitted, int Activations)
{
    /// <summary>Collects everything it can (blocking, compacting, returning memory to the OS), then reads the figures.</summary>
    public static async Task<MemorySnapshot> TakeAsync(IGrainFactory grains)
    {
        var activations = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return new MemorySnapshot(process.WorkingSet64, process.PrivateMemorySize64, GC.GetTotalMemory(forceFullCollection: false), info.TotalCommittedBytes, activations);
    }
}

internal sealed record MemoryResult(int Customers, TimeSpan ActivationTime, Usage Usage, MemorySnapshot Before, MemorySnapshot After)
{
    public double HeapBytesPerCustomer => (After.GcHeap - Before.GcHeap) / (double)Customers;

    public double WorkingSetBytesPerCustomer => (After.WorkingSet - Before.WorkingSet) / (double)Customers;
}

/// <summary>Registers (and so activates) many customers in a fresh platform and weighs the process before and after.</summary>
internal static class MemoryBenchmark
{
    public static async Task<MemoryResult> RunAsync(PlatformHost host, int customers, int window)
    {
        var grains = host.Grains;

        // Warm the path up so the "before" figure already holds the code, caches and pools.
        const int WarmUp = 200;
        await RegisterAsync(grains, "mem-warm", WarmUp, window);
        await host.Projector.WaitForAsync(await host.EventLog.GetHeadPositionAsync(), TimeSpan.FromMinutes(1));
        var before = await MemorySnapshot.TakeAsync(grains);

        var meter = ProcessMeter.Now();
        await RegisterAsync(grains, "mem", customers, window);
        var usage = meter.Elapsed();

        // Let the read model finish too, so its transient buffers are not counted as customers.
        await host.Projector.WaitForAsync(await host.EventLog.GetHeadPositionAsync(), TimeSpan.FromMinutes(2));
        var after = await MemorySnapshot.TakeAsync(grains);
        return new MemoryResult(customers, usage.Elapsed, usage, before, after);
    }

    private static async Task RegisterAsync(IGrainFactory grains, string prefix, int customers, int window)
    {
        var workers = Math.Min(customers, window);
        var failures = 0L;
        string? firstFailure = null;
        await Workers.RunAsync(workers, async worker =>
        {
            for (var c = worker; c < customers; c += workers)
            {
                var id = Workload.CustomerId(prefix, c);
                var result = await grains.GetGrain<ICustomerGrain>(id).ExecuteAsync(Workload.Registration(c), Workload.NewContext());
                if (result.Status != CommandStatus.Accepted)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, $"{id}: {result.Status} {result.Detail}", null);
                }
            }
        });
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} registrations failed; first: {firstFailure}");
        }
    }
}
