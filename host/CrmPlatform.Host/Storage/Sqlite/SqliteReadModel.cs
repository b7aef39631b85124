using System.Globalization;
using System.Text.Json;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>
/// The embedded read model: a <c>customers</c> table for lists, filters and search, kept by the
/// projector, with the projector's checkpoint in the same file so both commit together.
/// </summary>
public sealed partial class SqliteReadModel : ICustomerReadModel, IDisposable
{
    private const string RowColumns =
        "id, kind, first_name, last_name, organisation_name, company, primary_email, primary_phone, stage, stage_changed_at, " +
        "tier, revenue, order_count, last_order_at, last_activity_at, tags, owner, registered_at, version";

    private static readonly string[] Migrations =
    [
        $"""
        CREATE TABLE customers (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            first_name TEXT, last_name TEXT, organisation_name TEXT, company TEXT,
            display_name TEXT NOT NULL,
            primary_email TEXT, primary_phone TEXT,
            stage TEXT NOT NULL, stage_changed_at TEXT NOT NULL,
            tier TEXT,
            revenue REAL NOT NULL,
            order_count INTEGER NOT NULL,
            last_order_at TEXT, last_activity_at TEXT,
            tags TEXT NOT NULL,
            owner TEXT,
            registered_at TEXT NOT NULL,
            version INTEGER NOT NULL,
            search_text TEXT NOT NULL
        );
        CREATE INDEX customers_by_stage ON customers (stage, id);
        CREATE INDEX customers_by_tier ON customers (tier, id);
        CREATE INDEX customers_by_owner ON customers (owner, id);
        CREATE TABLE checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
        """,
        FactsMigration,
        """
        CREATE INDEX customers_by_email ON customers (lower(primary_email));
        CREATE INDEX customers_by_phone ON customers (primary_phone);
        """,
        ParkedMigration,
    ];

    private readonly SqliteConnections _connections;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;

    /// <summary>Opens (creating if needed) the read model in <paramref name="path"/>.</summary>
    public SqliteReadModel(string path)
    {
        _connections = new SqliteConnections(path);
        using var connection = _connections.OpenForWritesAsync(durable: false).GetAwaiter().GetResult();
        SqliteConnections.MigrateAsync(connection, Migrations).GetAwaiter().GetResult();
    }

    /// <summary>Closes the writer's connection.</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        _writeLock.Dispose();
    }

    /// <inheritdoc />
    public async Task<long> GetCheckpointAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM checkpoints WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteScalarAsync(cancellationToken) as long? ?? 0;
    }

    /// <inheritdoc />
    public async Task ApplyAsync(IReadOnlyList<EventEnvelope> events, string checkpoint, string baseCurrency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // The read model can always be rebuilt from the log, and its checkpoint commits with its
            // rows: it needs no fsync per batch (WAL with synchronous=NORMAL survives a process crash).
            _writer ??= await _connections.OpenForWritesAsync(durable: false, cancellationToken);
            await ApplyLockedAsync(_writer, events, checkpoint, baseCurrency, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static async Task ApplyLockedAsync(
        SqliteConnection connection, IReadOnlyList<EventEnvelope> events, string checkpoint, string baseCurrency, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        // The customers table folds customers' own streams; other kinds (an opportunity) have their
        // own projections, but the checkpoint still moves past them.
        var customers = events.Where(e => e.StreamKind == StreamKinds.Customer).ToArray();
        var rows = await LoadAsync(connection, transaction, customers.Select(e => e.CustomerId).Distinct(StringComparer.Ordinal), cancellationToken);
        foreach (var envelope in customers)
        {
            if (!rows.TryGetValue(envelope.CustomerId, out var row))
            {
                rows[envelope.CustomerId] = row = new CustomerRow(envelope.CustomerId);
            }

            row.Apply(envelope, baseCurrency);
        }

        await using (var upsert = CreateUpsert(connection, transaction))
        {
            foreach (var row in rows.Values.Where(r => r.Version > 0).OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                BindRow(upsert, row);
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await WriteFactsAsync(connection, transaction, customers, cancellationToken);
        await using (var save = connection.CreateCommand())
        {
            save.Transaction = transaction;
            save.CommandText = "INSERT INTO checkpoints (name, position) VALUES ($name, $position) ON CONFLICT (name) DO UPDATE SET position = excluded.position";
            save.Parameters.AddWithValue("$name", checkpoint);
            save.Parameters.AddWithValue("$position", events[^1].Position);
            await save.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CustomerPage> ListAsync(CustomerListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        void Filter(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(clause);
                command.Parameters.AddWithValue(name, value);
            }
        }

        Filter("stage = $stage", "$stage", query.Stage is { } stage ? StageText(stage) : null);
        Filter("tier = $tier", "$tier", query.Tier);
        Filter("owner = $owner", "$owner", query.Owner);
        Filter("EXISTS (SELECT 1 FROM json_each(customers.tags) WHERE value = $tag)", "$tag", query.Tag);
        Filter("instr(search_text, $text) > 0", "$text", query.Text?.ToLowerInvariant());
        Filter("id > $after", "$after", query.AfterId);
#pragma warning disable CA2100 // Clauses are constants; values are parameters.
        command.CommandText = $"SELECT {RowColumns} FROM customers {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY id LIMIT $limit";
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        var rows = new List<CustomerRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRow(reader));
        }

        return CustomerPage.Of(rows, query.Limit);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FindInactiveAsync(DateTimeOffset cutoff, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id FROM customers
            WHERE stage IN ('growth', 'maturity') AND max(stage_changed_at, COALESCE(last_order_at, '')) <= $cutoff
            ORDER BY id LIMIT $max
            """;
        command.Parameters.AddWithValue("$cutoff", EventRows.FormatTime(cutoff));
        command.Parameters.AddWithValue("$max", maxCount);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static string StageText(LifecycleStage stage) => JsonNamingPolicy.CamelCase.ConvertName(stage.ToString());

    private static async Task<Dictionary<string, CustomerRow>> LoadAsync(
        SqliteConnection connection, SqliteTransaction transaction, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {RowColumns} FROM customers WHERE id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids));
        var rows = new Dictionary<string, CustomerRow>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = ReadRow(reader);
            rows[row.Id] = row;
        }

        return rows;
    }

    private static SqliteCommand CreateUpsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = RowColumns.Split(", ").Append("display_name").Append("search_text").ToArray();
        command.CommandText =
            $"INSERT INTO customers ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))}) " +
            $"ON CONFLICT (id) DO UPDATE SET {string.Join(", ", columns.Skip(1).Select(c => $"{c} = excluded.{c}"))}";
        foreach (var column in columns)
        {
            command.Parameters.Add(new SqliteParameter("$" + column, null));
        }

        return command;
    }

    private static void BindRow(SqliteCommand command, CustomerRow row)
    {
        void Set(string name, object? value) => command.Parameters["$" + name].Value = value ?? DBNull.Value;
        Set("id", row.Id);
        Set("kind", JsonNamingPolicy.CamelCase.ConvertName(row.Kind.ToString()));
        Set("first_name", row.FirstName);
        Set("last_name", row.LastName);
        Set("organisation_name", row.OrganisationName);
        Set("company", row.Company);
        Set("primary_email", row.PrimaryEmail);
        Set("primary_phone", row.PrimaryPhone);
        Set("stage", StageText(row.Stage));
        Set("stage_changed_at", EventRows.FormatTime(row.StageChangedAt));
        Set("tier", row.Tier);
        Set("revenue", (double)row.Revenue);
        Set("order_count", row.OrderCount);
        Set("last_order_at", row.LastOrderAt is { } lastOrder ? EventRows.FormatTime(lastOrder) : null);
        Set("last_activity_at", row.LastActivityAt is { } lastActivity ? EventRows.FormatTime(lastActivity) : null);
        Set("tags", JsonSerializer.Serialize(row.Tags));
        Set("owner", row.Owner);
        Set("registered_at", EventRows.FormatTime(row.RegisteredAt));
        Set("version", row.Version);
        Set("display_name", row.DisplayName);
        Set("search_text", row.SearchText);
    }

    private static CustomerRow ReadRow(SqliteDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : EventRows.ParseTime(r.GetString(i));
        var row = new CustomerRow(r.GetString(0))
        {
            Kind = Enum.Parse<CustomerKind>(r.GetString(1), ignoreCase: true),
            FirstName = Text(2),
            LastName = Text(3),
            OrganisationName = Text(4),
            Company = Text(5),
            PrimaryEmail = Text(6),
            PrimaryPhone = Text(7),
            Stage = Enum.Parse<LifecycleStage>(r.GetString(8), ignoreCase: true),
            StageChangedAt = EventRows.ParseTime(r.GetString(9)),
            Tier = Text(10),
            Revenue = Math.Round((decimal)r.GetDouble(11), 4),
            OrderCount = r.GetInt32(12),
            LastOrderAt = Time(13),
            LastActivityAt = Time(14),
            Owner = Text(16),
            RegisteredAt = EventRows.ParseTime(r.GetString(17)),
            Version = r.GetInt64(18),
        };
        row.Tags.UnionWith(JsonSerializer.Deserialize<string[]>(r.GetString(15)) ?? []);
        return row;
    }
}
