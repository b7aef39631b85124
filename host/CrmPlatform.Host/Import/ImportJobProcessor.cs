using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Customers.Validation;
using Microsoft.Extensions.Options;
using CrmPlatform.Host.Kernel;

namespace CrmPlatform.Host.Import;

/// <summary>
/// Runs one import job from its stored file: reads rows in batches, sends the rows of a batch
/// (customers in parallel, each customer's rows in file order), then stores the progress — the
/// counts, the bad rows and the last row done — in one transaction. A job resumed later skips the
/// rows already done; rows of an unfinished batch are sent again and replayed by their keys.
/// </summary>
public sealed partial class ImportJobProcessor(
    IImportJobStore store,
    ImportRowSender sender,
    IOptions<ImportOptions> options,
    IOptions<CustomerOptions> customers,
    IOptions<CrmHostOptions> host,
    TimeProvider time,
    ILogger<ImportJobProcessor> logger)
{
    /// <summary>Runs <paramref name="job"/> held by <paramref name="owner"/> until it completes, fails, or <paramref name="cancellationToken"/> stops it.</summary>
    public async Task RunAsync(ImportJob job, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var spool = Path.Combine(host.Value.DataDirectory, "imports", $"{job.Id}.csv");
        try
        {
            LogStarted(logger, job.Id, job.Kind, job.RowsRead);
            await SpoolAsync(job.Id, spool, cancellationToken);
            job = await ImportAsync(job, owner, spool, cancellationToken);
            if (job.IsFinished)
            {
                LogFinished(logger, job.Id, job.State, job.RowsRead, job.Imported, job.Unchanged, job.Failed);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is InvalidDataException or CsvHelper.CsvFormatException or IOException)
        {
            await FailAsync(job, owner, ex.Message, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogCrashed(logger, ex, job.Id);
            await FailAsync(job, owner, $"The import stopped: {ex.Message} Run it again: rows already imported are not written twice.", cancellationToken);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private async Task<ImportJob> ImportAsync(ImportJob job, string owner, string spool, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var schema = customers.Value.Attributes;
        var mapping = ImportMapping.Parse(job.Kind, job.MappingJson, schema, errors);
        using var reader = new CsvRowReader(File.OpenRead(spool), mapping?.Delimiter ?? ",");
        var header = mapping is null ? null : await reader.ReadHeaderAsync();
        var indexes = mapping?.Bind(header!, errors);
        if (mapping is null || indexes is null)
        {
            throw new InvalidDataException($"The mapping does not fit: {string.Join(" ", errors.ToDictionary().Select(p => $"{p.Key}: {string.Join(" ", p.Value)}"))}");
        }

        for (var skipped = 0L; skipped < job.RowsRead; skipped++)
        {
            _ = await reader.ReadAsync() ?? throw new InvalidDataException("The stored file is shorter than the job's progress.");
        }

        var batchSize = Math.Max(1, options.Value.BatchSize);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = new List<CsvRow>(batchSize);
            while (batch.Count < batchSize && await reader.ReadAsync() is { } row)
            {
                batch.Add(row);
            }

            if (batch.Count == 0)
            {
                job = job with { State = ImportJobState.Completed, BytesRead = job.FileBytes, UpdatedAt = time.GetUtcNow() };
                await store.UpdateAsync(job, [], owner, time.GetUtcNow(), cancellationToken);
                return job;
            }

            var (outcomes, rowErrors) = await SendBatchAsync(job, mapping, indexes, batch, cancellationToken);
            var room = (int)Math.Max(0, options.Value.MaxStoredErrors - Math.Min(job.Failed, options.Value.MaxStoredErrors));
            job = job with
            {
                State = ImportJobState.Running,
                BytesRead = Math.Min(reader.BytesRead, job.FileBytes),
                RowsRead = job.RowsRead + batch.Count,
                Imported = job.Imported + outcomes.Count(o => o == RowOutcome.Imported),
                Unchanged = job.Unchanged + outcomes.Count(o => o == RowOutcome.Unchanged),
                Failed = job.Failed + outcomes.Count(o => o == RowOutcome.Failed),
                LastLine = batch[^1].Line,
                UpdatedAt = time.GetUtcNow(),
            };
            if (!await store.UpdateAsync(job, [.. rowErrors.Take(room)], owner, time.GetUtcNow(), cancellationToken))
            {
                LogLost(logger, job.Id);
                return job;
            }
        }
    }

    private async Task<(RowOutcome[] Outcomes, List<ImportRowError> Errors)> SendBatchAsync(
        ImportJob job, ImportMapping mapping, int[] indexes, List<CsvRow> batch, CancellationToken cancellationToken)
    {
        var outcomes = new RowOutcome[batch.Count];
        var errors = new ImportRowError?[batch.Count];
        var byCustomer = new Dictionary<string, List<(int Index, PlannedRow Row)>>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var plan = batch[i].Problem is { } problem
                ? RowPlan.Invalid(batch[i].Line, new Dictionary<string, string[]>(StringComparer.Ordinal) { ["row"] = [problem] })
                : Plan(job.Kind, batch[i].Line, RowValues.Of(mapping, indexes, batch[i].Cells));
            if (plan.Row is { } planned)
            {
                if (!byCustomer.TryGetValue(planned.CustomerId, out var rows))
                {
                    byCustomer[planned.CustomerId] = rows = [];
                }

                rows.Add((i, planned));
            }
            else
            {
                (outcomes[i], errors[i]) = (RowOutcome.Failed, plan.Error);
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.MaxParallelCustomers), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(byCustomer.Values, parallel, async (rows, _) =>
        {
            foreach (var (index, row) in rows)
            {
                (outcomes[index], errors[index]) = await sender.SendAsync(row, job.CreatedBy, $"import:{job.Id}");
            }
        });
        return (outcomes, [.. errors.OfType<ImportRowError>()]);
    }

    private RowPlan Plan(ImportKind kind, long line, RowValues row) => kind == ImportKind.Customers
        ? CustomerRowPlanner.Plan(line, row, customers.Value.Attributes, customers.Value.DefaultPhoneRegion)
        : OrderRowPlanner.Plan(line, row);

    /// <summary>Copies the stored file to a local spool file, chunk by chunk.</summary>
    private async Task SpoolAsync(string jobId, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = File.Create(path);
        for (var index = 0; await store.ReadChunkAsync(jobId, index, cancellationToken) is { } chunk; index++)
        {
            await file.WriteAsync(chunk, cancellationToken);
        }
    }

    private async Task FailAsync(ImportJob job, string owner, string error, CancellationToken cancellationToken)
    {
        LogFailed(logger, job.Id, error);
        var current = await store.FindAsync(job.Id, cancellationToken) ?? job;
        await store.UpdateAsync(current with { State = ImportJobState.Failed, Error = error, UpdatedAt = time.GetUtcNow() }, [], owner, time.GetUtcNow(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId}: {Kind} from row {RowsDone}")]
    private static partial void LogStarted(ILogger logger, string jobId, ImportKind kind, long rowsDone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId}: {State}; {Rows} rows, {Imported} imported, {Unchanged} unchanged, {Failed} failed")]
    private static partial void LogFinished(ILogger logger, string jobId, ImportJobState state, long rows, long imported, long unchanged, long failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {JobId} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string jobId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {JobId} stopped on an unexpected error")]
    private static partial void LogCrashed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {JobId}: another runner took the job over; stopping here")]
    private static partial void LogLost(ILogger logger, string jobId);
}
