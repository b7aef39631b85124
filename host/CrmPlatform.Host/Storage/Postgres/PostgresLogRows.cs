using CrmPlatform.Sdk.Events;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>How an event envelope maps to a row of <c>crm_events</c> (see <see cref="PostgresLogSql.Columns"/>).</summary>
internal static class PostgresLogRows
{
    /// <summary>
    /// Splits a time into the UTC microseconds that timestamptz holds and the 100 ns ticks below
    /// them (0–9), which the <c>*_100ns</c> columns hold.
    /// </summary>
    public static (DateTime Micros, short Ticks) Split(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        var below = ticks % 10;
        return (new DateTime(ticks - below, DateTimeKind.Utc), (short)below);
    }

    /// <summary>The exact time back from its two columns (in UTC, as the SQLite log gives it).</summary>
    public static DateTimeOffset Join(DateTime micros, short ticks) =>
        new(DateTime.SpecifyKind(micros, DateTimeKind.Utc).AddTicks(ticks), TimeSpan.Zero);

    public static EventEnvelope Read(NpgsqlDataReader r) => new EventEnvelope(
        EventId: r.GetGuid(1),
        CustomerId: r.GetString(2),
        Sequence: r.GetInt64(3),
        Position: r.GetInt64(0),
        OccurredAt: Join(r.GetDateTime(6), r.GetInt16(7)),
        RecordedAt: Join(r.GetDateTime(8), r.GetInt16(9)),
        Actor: r.GetString(10),
        CorrelationId: r.IsDBNull(11) ? null : r.GetString(11),
        IdempotencyKey: r.IsDBNull(12) ? null : r.GetString(12),
        Event: CustomerEventJson.Deserialize(r.GetString(4), r.GetString(5)))
    {
        StreamKind = r.GetString(13),
        StreamId = r.GetString(14),
    };
}
