using System.Globalization;
using CrmPlatform.Sdk.Events;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>How an event envelope maps to a row of the <c>events</c> table.</summary>
internal static class EventRows
{
    public const string Columns =
        "position, event_id, customer_id, sequence, type, data, occurred_at, recorded_at, actor, correlation_id, idempotency_key, stream_kind, stream_id";

    public const string InsertColumns =
        "event_id, customer_id, sequence, partition, type, data, occurred_at, recorded_at, actor, correlation_id, idempotency_key, stream_kind, stream_id";

    public const string InsertParameters =
        "$event_id, $customer_id, $sequence, $partition, $type, $data, $occurred_at, $recorded_at, $actor, $correlation_id, $idempotency_key, " +
        "$stream_kind, $stream_id";

    /// <summary>The sortable UTC text form of times in the platform's SQLite files.</summary>
    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Adds the insert's parameters to <paramref name="command"/>; returns them in the order of <see cref="InsertParameters"/>, for <see cref="Bind"/>.</summary>
    public static SqliteParameter[] AddInsertParameters(SqliteCommand command) =>
        InsertParameters.Split(", ")
            .Select(name => command.Parameters.Add(name, name is "$sequence" or "$partition" ? SqliteType.Integer : SqliteType.Text))
            .ToArray();

    /// <summary>
    /// Sets the insert's parameters (as <see cref="AddInsertParameters"/> returned them) to an
    /// event. By position, not by name: the writer binds every event of the log, and a lookup by
    /// name scans the parameters each time.
    /// </summary>
    public static void Bind(SqliteParameter[] p, EventEnvelope e, string data, int partition)
    {
        p[0].Value = e.EventId.ToString();
        p[1].Value = e.CustomerId;
        p[2].Value = e.Sequence;
        p[3].Value = partition;
        p[4].Value = e.Type;
        p[5].Value = data;
        p[6].Value = FormatTime(e.OccurredAt);
        p[7].Value = FormatTime(e.RecordedAt);
        p[8].Value = e.Actor;
        p[9].Value = (object?)e.CorrelationId ?? DBNull.Value;
        p[10].Value = (object?)e.IdempotencyKey ?? DBNull.Value;
        p[11].Value = e.StreamKind;
        p[12].Value = e.StreamId;
    }

    public static EventEnvelope Read(SqliteDataReader r) => new EventEnvelope(
        EventId: Guid.Parse(r.GetString(1)),
        CustomerId: r.GetString(2),
        Sequence: r.GetInt64(3),
        Position: r.GetInt64(0),
        OccurredAt: ParseTime(r.GetString(6)),
        RecordedAt: ParseTime(r.GetString(7)),
        Actor: r.GetString(8),
        CorrelationId: r.IsDBNull(9) ? null : r.GetString(9),
        IdempotencyKey: r.IsDBNull(10) ? null : r.GetString(10),
        Event: CustomerEventJson.Deserialize(r.GetString(4), r.GetString(5)))
    {
        StreamKind = r.GetString(11),
        StreamId = r.GetString(12),
    };
}
