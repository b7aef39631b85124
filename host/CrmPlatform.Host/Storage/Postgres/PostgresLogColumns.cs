using CrmPlatform.Sdk.Events;
using Npgsql;
using NpgsqlTypes;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// Events to insert as one array per column, the parameters of <see cref="PostgresLogSql.Insert"/>:
/// one statement writes a whole group commit.
/// </summary>
internal sealed class PostgresLogColumns
{
    private static readonly NpgsqlDbType[] Types =
    [
        NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Jsonb,
        NpgsqlDbType.TimestampTz, NpgsqlDbType.Smallint, NpgsqlDbType.TimestampTz, NpgsqlDbType.Smallint,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
    ];

    private readonly Guid[] _eventIds;
    private readonly string[] _customerIds;
    private readonly long[] _sequences;
    private readonly int[] _partitions;
    private readonly string[] _types;
    private readonly string[] _data;
    private readonly DateTime[] _occurredAt;
    private readonly short[] _occurredTicks;
    private readonly DateTime[] _recordedAt;
    private readonly short[] _recordedTicks;
    private readonly string[] _actors;
    private readonly string?[] _correlationIds;
    private readonly string?[] _idempotencyKeys;
    private readonly string[] _streamKinds;
    private readonly string[] _streamIds;

    public PostgresLogColumns(int count)
    {
        _eventIds = new Guid[count];
        _customerIds = new string[count];
        _sequences = new long[count];
        _partitions = new int[count];
        _types = new string[count];
        _data = new string[count];
        _occurredAt = new DateTime[count];
        _occurredTicks = new short[count];
        _recordedAt = new DateTime[count];
        _recordedTicks = new short[count];
        _actors = new string[count];
        _correlationIds = new string?[count];
        _idempotencyKeys = new string?[count];
        _streamKinds = new string[count];
        _streamIds = new string[count];
    }

    /// <summary>How many events have been added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the 15 typed, positional parameters of the insert statement.</summary>
    public static void AddParameters(NpgsqlParameterCollection parameters)
    {
        foreach (var type in Types)
        {
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type });
        }
    }

    public void Add(EventEnvelope e, string data, int partition)
    {
        var i = Count++;
        _eventIds[i] = e.EventId;
        _customerIds[i] = e.CustomerId;
        _sequences[i] = e.Sequence;
        _partitions[i] = partition;
        _types[i] = e.Type;
        _data[i] = data;
        (_occurredAt[i], _occurredTicks[i]) = PostgresLogRows.Split(e.OccurredAt);
        (_recordedAt[i], _recordedTicks[i]) = PostgresLogRows.Split(e.RecordedAt);
        _actors[i] = e.Actor;
        _correlationIds[i] = e.CorrelationId;
        _idempotencyKeys[i] = e.IdempotencyKey;
        _streamKinds[i] = e.StreamKind;
        _streamIds[i] = e.StreamId;
    }

    /// <summary>Sets the parameters added by <see cref="AddParameters"/> to these events.</summary>
    public void Bind(NpgsqlParameterCollection parameters)
    {
        if (Count != _eventIds.Length)
        {
            throw new InvalidOperationException($"{Count} of {_eventIds.Length} events were added.");
        }

        object[] values =
        [
            _eventIds, _customerIds, _sequences, _partitions, _types, _data, _occurredAt, _occurredTicks, _recordedAt,
            _recordedTicks, _actors, _correlationIds, _idempotencyKeys, _streamKinds, _streamIds,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i];
        }
    }
}
