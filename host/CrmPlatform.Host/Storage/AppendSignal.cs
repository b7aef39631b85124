namespace CrmPlatform.Host.Storage;

/// <summary>Wakes everyone waiting for new events at once; waiters that arrive later wait for the next release.</summary>
internal sealed class AppendSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next release. Take it before checking the condition waited for, or a release in between is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Waits for <paramref name="next"/>, at most <paramref name="timeout"/>; never throws for the timeout.</summary>
    public static Task WaitAsync(Task next, TimeSpan timeout, CancellationToken cancellationToken) =>
        next.WaitAsync(timeout, cancellationToken).ContinueWith(
            static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    public void Release() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
