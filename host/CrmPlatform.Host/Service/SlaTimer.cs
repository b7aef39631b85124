using CrmPlatform.Grains.Abstractions.Service;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Service;

/// <summary>
/// The durable SLA timer: reads the due index (each case's next check instant in the <c>cases</c>
/// table, derived from the log) and wakes each due case's grain, which checks its clocks against
/// the silo's clock and records a warning or breach once. The index survives restarts and holds
/// cases whose grains are not in memory; in a cluster every silo polls, and the grains' checks
/// make the repeats harmless.
/// </summary>
internal sealed partial class SlaTimer(
    CaseStore cases,
    IGrainFactory grains,
    IOptions<SlaTimerOptions> options,
    TimeProvider time,
    ILogger<SlaTimer> logger) : BackgroundService
{
    /// <summary>Wakes the cases due by now; returns how many warnings and breaches they recorded.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var due = await cases.DueAsync(time.GetUtcNow(), options.Value.BatchSize, cancellationToken);
        var recorded = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, _) =>
        {
            try
            {
                Interlocked.Add(ref recorded, await grains.GetGrain<ICaseGrain>(id).CheckSlaAsync());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One case failing must not stop the others; it stays due and is tried on the next read.
                LogCaseFailed(logger, ex, id);
            }
        });
        return recorded;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRunFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SLA check of case {CaseId} failed; it stays due")]
    private static partial void LogCaseFailed(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SLA timer could not read the due index; retrying on the next tick")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
