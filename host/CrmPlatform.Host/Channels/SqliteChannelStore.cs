using System.Text.Json;
using CrmPlatform.Host.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Channels;

/// <summary>The channels' store in one embedded file (<c>channels.db</c>); times are Unix milliseconds, every commit waits for fsync.</summary>
public sealed class SqliteChannelStore : IChannelStore
{
    private const string FlagColumns = "channel, provider_message_id, candidates, sender, message_json, flagged_at, resolved_to, resolved_by, resolved_at";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE sent_messages (
            channel TEXT NOT NULL, provider_message_id TEXT NOT NULL, customer_id TEXT NOT NULL, message_id TEXT NOT NULL,
            PRIMARY KEY (channel, provider_message_id)
        ) WITHOUT ROWID;
        CREATE TABLE channel_identities (
            channel TEXT NOT NULL, identity TEXT NOT NULL, customer_id TEXT NOT NULL,
            PRIMARY KEY (channel, identity)
        ) WITHOUT ROWID;
        CREATE TABLE inbound_rejections (
            id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, remote_address TEXT, reason TEXT NOT NULL, at INTEGER NOT NULL
        );
        CREATE INDEX inbound_rejections_by_channel ON inbound_rejections (channel, id);
        CREATE TABLE sender_flags (
            channel TEXT NOT NULL, provider_message_id TEXT NOT NULL, candidates TEXT NOT NULL, sender TEXT NOT NULL,
            message_json TEXT NOT NULL, flagged_at INTEGER NOT NULL, resolved_to TEXT, resolved_by TEXT, resolved_at INTEGER,
            PRIMARY KEY (channel, provider_message_id)
        ) WITHOUT ROWID;
        """,
    ];

    private readonly SqliteConnections _connections;

    /// <summary>Opens (creating if needed) the store in <paramref name="path"/>.</summary>
    public SqliteChannelStore(string path)
    {
        _connections = new SqliteConnections(path);
        using var connection = _connections.OpenForWritesAsync(durable: true).GetAwaiter().GetResult();
        SqliteConnections.MigrateAsync(connection, Migrations).GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public Task RecordSentAsync(string channel, string providerMessageId, string customerId, string messageId, CancellationToken cancellationToken = default) =>
        WriteAsync(
            "INSERT INTO sent_messages VALUES ($a, $b, $c, $d) ON CONFLICT DO NOTHING",
            cancellationToken, channel, providerMessageId, customerId, messageId);

    /// <inheritdoc />
    public async Task<SentMessageRef?> FindSentAsync(string channel, string providerMessageId, CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync(
            "SELECT customer_id, message_id FROM sent_messages WHERE channel = $a AND provider_message_id = $b",
            r => new SentMessageRef(r.GetString(0), r.GetString(1)), cancellationToken, channel, providerMessageId);
        return First(rows);
    }

    /// <inheritdoc />
    public Task SetIdentityAsync(string channel, string identity, string customerId, CancellationToken cancellationToken = default) =>
        WriteAsync(
            "INSERT INTO channel_identities VALUES ($a, $b, $c) ON CONFLICT (channel, identity) DO UPDATE SET customer_id = excluded.customer_id",
            cancellationToken, channel, identity, customerId);

    /// <inheritdoc />
    public async Task<string?> FindIdentityAsync(string channel, string identity, CancellationToken cancellationToken = default) =>
        First(await ReadAsync("SELECT customer_id FROM channel_identities WHERE channel = $a AND identity = $b", r => r.GetString(0), cancellationToken, channel, identity));

    /// <inheritdoc />
    public Task RecordRejectionAsync(InboundRejection rejection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return WriteAsync(
            "INSERT INTO inbound_rejections (channel, remote_address, reason, at) VALUES ($a, $b, $c, $d)",
            cancellationToken, rejection.Channel, rejection.RemoteAddress, rejection.Reason, rejection.At.ToUnixTimeMilliseconds());
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InboundRejection>> ListRejectionsAsync(string? channel, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(
            "SELECT channel, remote_address, reason, at FROM inbound_rejections WHERE $a IS NULL OR channel = $a ORDER BY id DESC LIMIT $b",
            r => new InboundRejection(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3))),
            cancellationToken, channel, limit);

    /// <inheritdoc />
    public Task FlagSenderAsync(SenderFlag flag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return WriteAsync(
            $"INSERT INTO sender_flags ({FlagColumns}) VALUES ($a, $b, $c, $d, $e, $f, NULL, NULL, NULL) ON CONFLICT DO NOTHING",
            cancellationToken, flag.Channel, flag.ProviderMessageId, JsonSerializer.Serialize(flag.Candidates), flag.Sender, flag.MessageJson, flag.FlaggedAt.ToUnixTimeMilliseconds());
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SenderFlag>> ListFlagsAsync(bool openOnly, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(
            $"SELECT {FlagColumns} FROM sender_flags WHERE $a = 0 OR resolved_to IS NULL ORDER BY flagged_at, channel, provider_message_id LIMIT $b",
            ReadFlag, cancellationToken, openOnly ? 1 : 0, limit);

    /// <inheritdoc />
    public async Task<SenderFlag?> FindFlagAsync(string channel, string providerMessageId, CancellationToken cancellationToken = default) =>
        First(await ReadAsync($"SELECT {FlagColumns} FROM sender_flags WHERE channel = $a AND provider_message_id = $b", ReadFlag, cancellationToken, channel, providerMessageId));

    /// <inheritdoc />
    public async Task<bool> ResolveFlagAsync(string channel, string providerMessageId, string customerId, string resolvedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await WriteAsync(
            "UPDATE sender_flags SET resolved_to = $c, resolved_by = $d, resolved_at = $e WHERE channel = $a AND provider_message_id = $b AND resolved_to IS NULL",
            cancellationToken, channel, providerMessageId, customerId, resolvedBy, at.ToUnixTimeMilliseconds()) == 1;

    private static SenderFlag ReadFlag(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), JsonSerializer.Deserialize<string[]>(r.GetString(2)) ?? [], r.GetString(3), r.GetString(4),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)),
        r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7),
        r.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)));

    private static T? First<T>(IReadOnlyList<T> rows) => rows.Count > 0 ? rows[0] : default;

    private async Task<int> WriteAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var command = Command(connection, sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params object?[] values)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, object?[] values)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The store's own constant SQL; values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue($"${(char)('a' + i)}", values[i] ?? DBNull.Value);
        }

        return command;
    }
}
