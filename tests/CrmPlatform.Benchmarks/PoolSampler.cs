namespace CrmPlatform.Benchmarks;

/// <summary>Samples the .NET thread pool every few milliseconds on a dedicated thread: a starved pool shows as a long queue with idle cores.</summary>
internal sealed class PoolSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _samples;
    private long _pendingSum;
    private long _pendingMax;
    private int _threadsMax;

    private PoolSampler()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "thread-pool sampler" };
        _thread.Start();
    }

    public static PoolSampler Start() => new();

    public string Describe() =>
        $"pool threads max {_threadsMax}, queued work items avg {(_samples == 0 ? 0 : _pendingSum / (double)_samples):F0} / max {_pendingMax:N0}";

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run()
    {
        while (!_stop)
        {
            var pending = ThreadPool.PendingWorkItemCount;
            _samples++;
            _pendingSum += pending;
            _pendingMax = Math.Max(_pendingMax, pending);
            _threadsMax = Math.Max(_threadsMax, ThreadPool.ThreadCount);
            Thread.Sleep(5);
        }
    }
}
