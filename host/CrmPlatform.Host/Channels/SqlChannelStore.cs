using System.Text.Json;
using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Channels;

/// <summary>
/// The channels' store: in an embedded file of its own (<c>channels.db</c>) or in the PostgreSQL
/// database every silo shares. Times are Unix milliseconds on both backends, as they always were.
/// </summary>
public sealed class SqlChannelStore(SqlDatabase database) : IChannelStore
{
    private const string FlagColumns = "channel, provider_message_id, candidates, sender, message_json, flagged_at, resolved_to, resolved_by, resolved_at";

    /// <summary>The sent-message, identity, rejection and sender-flag tables.</summary>
    public static SchemaComponent Schema { get; } = new(
        "channels",
        "channels.db",
        Sqlite:
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
        ],
        Postgres:
        [
            """
            CREATE TABLE crm_sent_messages (
                channel text NOT NULL, provider_message_id text NOT NULL, customer_id text NOT NULL, message_id text NOT NULL,
                PRIMARY KEY (channel, provider_message_id)
            );
            CREATE TABLE crm_channel_identities (
                channel text NOT NULL, identity text NOT NULL, customer_id text NOT NULL,
                PRIMARY KEY (channel, identity)
            );
            CREATE TABLE crm_inbound_rejections (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, channel text NOT NULL, remote_address text, reason text NOT NULL, at bigint NOT NULL
            );
            CREATE INDEX crm_inbound_rejections_by_channel ON crm_inbound_rejections (channel, id);
            CREATE TABLE crm_sender_flags (
                channel text NOT NULL, provider_message_id text NOT NULL, candidates text NOT NULL, sender text NOT NULL,
                message_json text NOT NULL, flagged_at bigint NOT NULL, resolved_to text, resolved_by text, resolved_at bigint,
                PRIMARY KEY (channel, provider_message_id)
            );
            """,
        ]);

    private readonly string _sent = database.Pick("sent_messages", "crm_sent_messages");
    private readonly string _identities = database.Pick("channel_identities", "crm_channel_identities");
    private readonly string _rejections = database.Pick("inbound_rejections", "crm_inbound_rejections");
    private readonly string _flags = database.Pick("sender_flags", "crm_sender_flags");

    /// <inheritdoc />
    public Task RecordSentAsync(string channel, string providerMessageId, string customerId, string messageId, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(
            $"INSERT INTO {_sent} (channel, provider_message_id, customer_id, message_id) VALUES (@channel, @providerMessageId, @customerId, @messageId) ON CONFLICT DO NOTHING",
            new { channel, providerMessageId, customerId, messageId },
            cancellationToken);

    /// <inheritdoc />
    public Task<SentMessageRef?> FindSentAsync(string channel, string providerMessageId, CancellationToken cancellationToken = default) =>
        database.QueryFirstAsync(
            $"SELECT customer_id, message_id FROM {_sent} WHERE channel = @channel AND provider_message_id = @providerMessageId",
            new { channel, providerMessageId },
            r => new SentMessageRef(r.Text(0), r.Text(1)),
            cancellationToken);

    /// <inheritdoc />
    public Task SetIdentityAsync(string channel, string identity, string customerId, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(
            $"""
            INSERT INTO {_identities} (channel, identity, customer_id) VALUES (@channel, @identity, @customerId)
            ON CONFLICT (channel, identity) DO UPDATE SET customer_id = excluded.customer_id
            """,
            new { channel, identity, customerId },
            cancellationToken);

    /// <inheritdoc />
    public Task<string?> FindIdentityAsync(string channel, string identity, CancellationToken cancellationToken = default) =>
        database.QueryFirstAsync(
            $"SELECT customer_id FROM {_identities} WHERE channel = @channel AND identity = @identity",
            new { channel, identity },
            r => r.Text(0),
            cancellationToken);

    /// <inheritdoc />
    public Task RecordRejectionAsync(InboundRejection rejection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return database.ExecuteAsync(
            $"INSERT INTO {_rejections} (channel, remote_address, reason, at) VALUES (@Channel, @RemoteAddress, @Reason, @at)",
            new { rejection.Channel, rejection.RemoteAddress, rejection.Reason, at = rejection.At.ToUnixTimeMilliseconds() },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InboundRejection>> ListRejectionsAsync(string? channel, int limit, CancellationToken cancellationToken = default) =>
        database.QueryAsync(
            $"SELECT channel, remote_address, reason, at FROM {_rejections} WHERE @channel IS NULL OR channel = @channel ORDER BY id DESC LIMIT @limit",
            new { channel, limit },
            r => new InboundRejection(r.Text(0), r.NullableText(1), r.Text(2), DateTimeOffset.FromUnixTimeMilliseconds(r.Number(3))),
            cancellationToken);

    /// <inheritdoc />
    public Task FlagSenderAsync(SenderFlag flag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return database.ExecuteAsync(
            $"INSERT INTO {_flags} ({FlagColumns}) VALUES (@Channel, @ProviderMessageId, @candidates, @Sender, @MessageJson, @flaggedAt, NULL, NULL, NULL) ON CONFLICT DO NOTHING",
            new
            {
                flag.Channel,
                flag.ProviderMessageId,
                candidates = JsonSerializer.Serialize(flag.Candidates),
                flag.Sender,
                flag.MessageJson,
                flaggedAt = flag.FlaggedAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SenderFlag>> ListFlagsAsync(bool openOnly, int limit, CancellationToken cancellationToken = default) =>
        database.QueryAsync(
            $"SELECT {FlagColumns} FROM {_flags} WHERE @openOnly = 0 OR resolved_to IS NULL ORDER BY flagged_at, channel, provider_message_id LIMIT @limit",
            new { openOnly = openOnly ? 1 : 0, limit },
            ReadFlag,
            cancellationToken);

    /// <inheritdoc />
    public Task<SenderFlag?> FindFlagAsync(string channel, string providerMessageId, CancellationToken cancellationToken = default) =>
        database.QueryFirstAsync(
            $"SELECT {FlagColumns} FROM {_flags} WHERE channel = @channel AND provider_message_id = @providerMessageId",
            new { channel, providerMessageId },
            ReadFlag,
            cancellationToken);

    /// <inheritdoc />
    public async Task<bool> ResolveFlagAsync(string channel, string providerMessageId, string customerId, string resolvedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync(
            $"""
            UPDATE {_flags} SET resolved_to = @customerId, resolved_by = @resolvedBy, resolved_at = @at
            WHERE channel = @channel AND provider_message_id = @providerMessageId AND resolved_to IS NULL
            """,
            new { channel, providerMessageId, customerId, resolvedBy, at = at.ToUnixTimeMilliseconds() },
            cancellationToken) == 1;

    private static SenderFlag ReadFlag(SqlRow r) => new(
        r.Text(0), r.Text(1), JsonSerializer.Deserialize<string[]>(r.Text(2)) ?? [], r.Text(3), r.Text(4),
        DateTimeOffset.FromUnixTimeMilliseconds(r.Number(5)),
        r.NullableText(6), r.NullableText(7),
        r.NullableNumber(8) is { } resolvedAt ? DateTimeOffset.FromUnixTimeMilliseconds(resolvedAt) : null);
}
