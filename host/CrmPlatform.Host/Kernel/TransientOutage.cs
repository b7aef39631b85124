namespace CrmPlatform.Host.Kernel;

/// <summary>
/// Whether the platform is answering 503 because its cluster or storage is failing: logs one line
/// when an outage begins and one when a request succeeds again, instead of a line (or a stack
/// trace) for every request in between.
/// </summary>
internal sealed partial class TransientOutage(TimeProvider time, ILogger<TransientOutage> logger)
{
    private readonly Lock _lock = new();
    private long _startedAt;
    private long _refused;
    private volatile bool _down;

    /// <summary>True while an outage is under way.</summary>
    public bool IsDown => _down;

    /// <summary>A request failed with a transient failure (see <see cref="TransientFailures"/>).</summary>
    public void Failed(Exception exception, string method, string path)
    {
        Interlocked.Increment(ref _refused);
        if (_down)
        {
            return;
        }

        lock (_lock)
        {
            if (_down)
            {
                return;
            }

            _startedAt = time.GetTimestamp();
            _down = true;
        }

        LogDown(logger, exception.GetType().Name, exception.Message.ReplaceLineEndings(" "), method, path);
    }

    /// <summary>A request succeeded: ends the outage if one is under way.</summary>
    public void Succeeded()
    {
        if (!_down)
        {
            return;
        }

        lock (_lock)
        {
            if (!_down)
            {
                return;
            }

            _down = false;
        }

        LogUp(logger, time.GetElapsedTime(_startedAt).TotalSeconds, Interlocked.Exchange(ref _refused, 0));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outage: the cluster or its storage is failing ({Exception}: {Reason}, first on {Method} {Path}); answering 503 with Retry-After until a request succeeds")]
    private static partial void LogDown(ILogger logger, string exception, string reason, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outage over after {Seconds:0.0} s; {Refused} request(s) were answered 503")]
    private static partial void LogUp(ILogger logger, double seconds, long refused);
}
