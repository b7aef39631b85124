using System.Threading.Channels;
using CrmPlatform.Host.Storage;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Import;

/// <summary>
/// Runs import jobs on this silo, one at a time: a job uploaded here at once, and any job nobody is
/// running — after a restart, the jobs this process left unfinished; in a cluster, also jobs of a
/// silo that stopped renewing its lease. Started after the platform is up, stopped before the silo.
/// </summary>
public sealed partial class ImportJobRunner(
    IImportJobStore store,
    ImportJobProcessor processor,
    IOptions<ImportOptions> options,
    IOptions<StorageOptions> storage,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ImportJobRunner> logger) : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly string _owner = $"{Environment.MachineName}:{Guid.NewGuid():N}";

    /// <summary>Tells the runner a job is waiting.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        // Embedded: one process owns the data directory, so a job this runner does not hold is orphaned.
        var embedded = storage.Value.Provider == StorageProvider.Sqlite;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            ImportJob? job = null;
            try
            {
                job = await store.ClaimAsync(_owner, embedded ? DateTimeOffset.MaxValue : now - options.Value.LeaseDuration, now, stoppingToken);
                if (job is not null)
                {
                    await processor.RunAsync(job, _owner, stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogLoopFailed(logger, ex, job?.Id);
            }

            await WaitAsync(stoppingToken);
        }
    }

    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.PollInterval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await _wake.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException)
        {
            // The poll interval passed, or the host is stopping: the loop checks which.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import runner: looking for or running job {JobId} failed; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, string? jobId);
}
