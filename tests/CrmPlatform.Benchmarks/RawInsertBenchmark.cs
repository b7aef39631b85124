using System.Globalization;
using System.Text.Json;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Sdk.Events;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmPlatform.Benchmarks;

/// <summary>How a raw run writes each row.</summary>
internal enum RawMode
{
    /// <summary>One prepared INSERT per row: the ceiling of one SQLite writer.</summary>
    Plain,

    /// <summary>
    /// What the log's group-commit writer does per append (SqliteEventLog.Writer.cs): a
    /// <c>SELECT MAX(sequence)</c> for the stream, a SAVEPOINT, <c>INSERT … RETURNING position</c>, RELEASE.
    /// </summary>
    WriterPattern,
}

internal sealed record RawResult(RawMode Mode, long Rows, int BatchSize, Usage Usage, string JournalMode, string Synchronous, double AveragePayloadBytes)
{
    public double RowsPerSecond => Rows / Usage.Elapsed.TotalSeconds;
}

/// <summary>
/// Inserts rows of the event log's shape into a fresh file with the log's own schema and pragmas,
/// by one writer in transactions of the log's batch size, without the platform around it.
/// </summary>
internal static class RawInsertBenchmark
{
    /// <summary>A copy of <c>EventRows.InsertColumns</c> (internal to the host); checked against the real table below.</summary>
    private const string InsertColumns =
        "event_id, customer_id, sequence, partition, type, data, occurred_at, recorded_at, actor, correlation_id, idempotency_key, stream_kind, stream_id";

    private const string InsertParameters =
        "$event_id, $customer_id, $sequence, $partition, $type, $data, $occurred_at, $recorded_at, $actor, $correlation_id, $idempotency_key, $stream_kind, $stream_id";

    public static async Task<RawResult> RunAsync(IReadOnlyList<string> customerIds, int commands, RawMode mode)
    {
        var directory = Directory.CreateTempSubdirectory("crm-bench-raw-").FullName;
        try
        {
            var path = Path.Combine(directory, "events.db");
            var logOptions = new SqliteEventLogOptions();
            int partitionCount;

            // The log itself creates the file: same migrations, same schema, same indexes.
            await using (var log = new SqliteEventLog(path, logOptions, NullLogger<SqliteEventLog>.Instance))
            {
                partitionCount = log.PartitionCount;
            }

            var (registrations, rows) = Generate(customerIds, commands, partitionCount);
            var averagePayload = rows.Average(r => (double)r.Data.Length);

            // Same connection settings as the log's writer: WAL, synchronous=FULL (Durable defaults to true).
            await using var connection = await new SqliteConnections(path).OpenForWritesAsync(logOptions.Durable);
            CheckColumns(connection);
            var journal = RawSql.Pragma(connection, "journal_mode");
            var synchronous = RawSql.Pragma(connection, "synchronous") switch { "2" => "FULL", "1" => "NORMAL", var s => s };

            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO events ({InsertColumns}) VALUES ({InsertParameters})"
                + (mode == RawMode.WriterPattern ? " RETURNING position" : "");
            foreach (var name in InsertParameters.Split(", "))
            {
                insert.Parameters.Add(name, name is "$sequence" or "$partition" ? SqliteType.Integer : SqliteType.Text);
            }

            using var last = connection.CreateCommand();
            last.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM events WHERE stream_kind = 'customer' AND stream_id = $customer";
            var lastCustomer = last.Parameters.Add("$customer", SqliteType.Text);

            // Untimed: the registrations that precede the commands in the grain run (event 1 of each customer).
            using (var transaction = connection.BeginTransaction())
            {
                insert.Transaction = transaction;
                foreach (var row in registrations)
                {
                    Bind(insert, row);
                    insert.ExecuteScalar();
                }

                transaction.Commit();
            }

            var batchSize = logOptions.MaxBatchEvents;
            GC.Collect();
            var meter = ProcessMeter.Now();
            for (var start = 0; start < rows.Length; start += batchSize)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                last.Transaction = transaction;
                var end = Math.Min(start + batchSize, rows.Length);
                for (var i = start; i < end; i++)
                {
                    var row = rows[i];
                    if (mode == RawMode.WriterPattern)
                    {
                        lastCustomer.Value = row.CustomerId;
                        if ((long)last.ExecuteScalar()! != row.Sequence - 1)
                        {
                            throw new InvalidOperationException("The stream is not where the row expects it.");
                        }

                        transaction.Save("append");
                    }

                    Bind(insert, row);
                    if (mode == RawMode.WriterPattern)
                    {
                        _ = (long)insert.ExecuteScalar()!;
                        transaction.Release("append");
                    }
                    else
                    {
                        insert.ExecuteNonQuery();
                    }
                }

                transaction.Commit();
            }

            var usage = meter.Elapsed();
            var written = RawSql.Count(path);
            if (written != registrations.Length + rows.Length)
            {
                throw new InvalidOperationException($"Expected {registrations.Length + rows.Length} rows, found {written}.");
            }

            return new RawResult(mode, rows.Length, batchSize, usage, journal, synchronous, averagePayload);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempFiles.Delete(directory);
        }
    }

    /// <summary>
    /// The rows the grain run writes: for every customer, events 2..M+1 (event 1 is the
    /// registration), interleaved across customers as concurrent grains interleave them.
    /// </summary>
    private static (Row[] Registrations, Row[] Commands) Generate(IReadOnlyList<string> customerIds, int commands, int partitionCount)
    {
        var partitions = customerIds.Select(id => CustomerPartitions.Of(id, partitionCount)).ToArray();
        var registered = CustomerEventTypes.NameOf(typeof(CustomerRegistered));
        var registrations = customerIds
            .Select((id, c) =>
            {
                var command = Workload.Registration(c);
                var data = CustomerEventJson.Serialize(new CustomerRegistered(
                    command.Kind, command.FirstName, command.LastName, null, null, [], [], new Dictionary<string, JsonElement>(), command.Source));
                return new Row(id, 1, partitions[c], registered, data, Guid.NewGuid().ToString("N"));
            })
            .ToArray();
        var interaction = CustomerEventTypes.NameOf(typeof(InteractionRecorded));
        var rows = new Row[customerIds.Count * commands];
        var n = 0;
        for (var command = 0; command < commands; command++)
        {
            for (var c = 0; c < customerIds.Count; c++)
            {
                long sequence = command + 2;
                var data = CustomerEventJson.Serialize(Workload.InteractionEvent(command, sequence));
                rows[n++] = new Row(customerIds[c], sequence, partitions[c], interaction, data, Guid.NewGuid().ToString("N"));
            }
        }

        return (registrations, rows);
    }

    /// <summary>Binds like <c>EventRows.Bind</c>: the id and times are formatted on the writer's thread.</summary>
    private static void Bind(SqliteCommand insert, Row row)
    {
        var now = DateTimeOffset.UtcNow;
        var p = insert.Parameters;
        p["$event_id"].Value = Guid.CreateVersion7(now).ToString();
        p["$customer_id"].Value = row.CustomerId;
        p["$sequence"].Value = row.Sequence;
        p["$partition"].Value = row.Partition;
        p["$type"].Value = row.Type;
        p["$data"].Value = row.Data;
        p["$occurred_at"].Value = FormatTime(now);
        p["$recorded_at"].Value = FormatTime(now);
        p["$actor"].Value = Workload.Actor;
        p["$correlation_id"].Value = row.CorrelationId;
        p["$idempotency_key"].Value = DBNull.Value;
        p["$stream_kind"].Value = "customer";
        p["$stream_id"].Value = row.CustomerId;
    }

    private static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Fails loudly when the log's table no longer has the columns this benchmark writes.</summary>
    private static void CheckColumns(SqliteConnection connection)
    {
        var actual = RawSql.Columns(connection, "events").Where(c => c != "position");
        var expected = InsertColumns.Split(", ");
        if (!actual.SequenceEqual(expected))
        {
            throw new InvalidOperationException(
                $"The events table has columns ({string.Join(", ", actual)}); the raw benchmark writes ({InsertColumns}). Update RawInsertBenchmark.");
        }
    }

    private sealed record Row(string CustomerId, long Sequence, int Partition, string Type, string Data, string CorrelationId);
}
