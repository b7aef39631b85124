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

    public static void AddInsertParameters(SqliteCommand command)
    {
        foreach (var name in InsertParameters.Split(", "))
        {
            command.Parameters.Add(name, name is "$sequence" or "$partition" ? SqliteType.Integer : SqliteType.Text);
        }
    }

    public static void Bind(SqliteCommand insert, EventEnvelope e, string data, int partition)
    {
        var p = insert.Parameters;
        p["$event_id"].Value = e.EventId.ToString();
        p["$customer_id"].Value = e.CustomerId;
        p["$sequence"].Value = e.Sequence;
        p["$partition"].Value = partition;
        p["$type"].Value = e.Type;
        p["$data"].Value = data;
        p["$occurred_at"].Value = FormatTime(e.OccurredAt);
        p["$recorded_at"].Value = FormatTime(e.RecordedAt);
        p["$actor"].Value = e.Actor;
        p["$correlation_id"].Value = (object?)e.CorrelationId ?? DBNull.Value;
        p["$idempotency_key"].Value = (object?)e.IdempotencyKey ?? DBNull.Value;
        p["$stream_kind"].Value = e.StreamKind;
        p["$stream_id"].Value = e.StreamId;
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
