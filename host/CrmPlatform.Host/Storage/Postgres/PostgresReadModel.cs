using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Reports;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// The cluster's read model: the <c>crm_customers</c> table for lists, filters and search, and the
/// projectors' checkpoints in <c>crm_checkpoints</c>, in the PostgreSQL database every silo shares.
/// Several silos may project at once: a batch takes its checkpoint's row lock, skips what the
/// checkpoint already covers, and commits the rows with the checkpoint, so no event is applied twice
/// and the checkpoint never moves backwards.
/// </summary>
/// <remarks>
/// Ids sort bytewise (<c>COLLATE "C"</c>) as in SQLite, whatever the database's locale. Times are
/// <c>timestamptz</c>: they come back in UTC (offset zero) like SQLite's, at PostgreSQL's
/// microsecond resolution.
/// </remarks>
public sealed partial class PostgresReadModel(NpgsqlDataSource dataSource) : ICustomerReadModel, IReportReadModel
{
    private const string RowColumns =
        "id, kind, first_name, last_name, organisation_name, company, primary_email, primary_phone, stage, stage_changed_at, " +
        "tier, revenue, order_count, last_order_at, last_activity_at, tags, owner, registered_at, version";

    /// <summary>The schema, for <c>PostgresMigrator.MigrateAsync(dataSource, "read-model", Migrations)</c>.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE crm_customers (
            id text COLLATE "C" PRIMARY KEY,
            kind text NOT NULL,
            first_name text, last_name text, organisation_name text, company text,
            display_name text NOT NULL,
            primary_email text, primary_phone text,
            stage text NOT NULL, stage_changed_at timestamptz NOT NULL,
            tier text,
            revenue numeric NOT NULL,
            order_count integer NOT NULL,
            last_order_at timestamptz, last_activity_at timestamptz,
            tags text[] NOT NULL,
            owner text,
            registered_at timestamptz NOT NULL,
            version bigint NOT NULL,
            search_text text NOT NULL
        );
        CREATE INDEX crm_customers_by_stage ON crm_customers (stage, id);
        CREATE INDEX crm_customers_by_tier ON crm_customers (tier, id);
        CREATE INDEX crm_customers_by_owner ON crm_customers (owner, id);
        CREATE INDEX crm_customers_by_tag ON crm_customers USING gin (tags);
        CREATE INDEX crm_customers_due ON crm_customers ((GREATEST(stage_changed_at, last_order_at)))
            WHERE stage IN ('growth', 'maturity');
        CREATE TABLE crm_checkpoints (name text PRIMARY KEY, position bigint NOT NULL);
        """,
        FactsMigration,
        """
        CREATE INDEX crm_customers_by_email ON crm_customers (lower(primary_email));
        CREATE INDEX crm_customers_by_phone ON crm_customers (primary_phone);
        """,
        ParkedMigration,
    ];

    /// <inheritdoc />
    public async Task<long> GetCheckpointAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT position FROM crm_checkpoints WHERE name = @name");
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) as long? ?? 0;
    }

    /// <inheritdoc />
    public async Task<CustomerPage> ListAsync(CustomerListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);

        // PostgreSQL text cannot hold U+0000 and no stored value contains it (fields are validated):
        // a filter with one matches nothing, and an id after "a\0…" is an id after "a".
        if (new[] { query.Tier, query.Tag, query.Owner, query.Text }.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
        {
            return new CustomerPage([], null);
        }

        await using var command = dataSource.CreateCommand();
        var where = new List<string>();
        void Filter(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(clause);
                command.Parameters.AddWithValue(name, value);
            }
        }

        Filter("stage = @stage", "stage", query.Stage is { } stage ? StageText(stage) : null);
        Filter("tier = @tier", "tier", query.Tier);
        Filter("owner = @owner", "owner", query.Owner);
        Filter("tags @> ARRAY[@tag]::text[]", "tag", query.Tag);
        Filter("strpos(search_text, @text) > 0", "text", query.Text?.ToLowerInvariant());
        Filter("id > @after", "after", query.AfterId?.Split('\0')[0]);
#pragma warning disable CA2100 // Clauses are constants; values are parameters.
        command.CommandText = $"SELECT {RowColumns} FROM crm_customers {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY id LIMIT @limit";
#pragma warning restore CA2100
        command.Parameters.AddWithValue("limit", query.Limit + 1);
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
        // GREATEST ignores NULLs: a customer without orders is judged by its last stage change.
        await using var command = dataSource.CreateCommand(
            """
            SELECT id FROM crm_customers
            WHERE stage IN ('growth', 'maturity') AND GREATEST(stage_changed_at, last_order_at) <= @cutoff
            ORDER BY id LIMIT @max
            """);
        command.Parameters.AddWithValue("cutoff", Utc(cutoff));
        command.Parameters.AddWithValue("max", maxCount);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FindByContactAsync(string? email, string? phone, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT id FROM crm_customers WHERE lower(primary_email) = lower(@email)
            UNION SELECT id FROM crm_customers WHERE primary_phone = @phone
            ORDER BY id LIMIT @max
            """);
        command.Parameters.Add(new NpgsqlParameter("email", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)email ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("phone", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)phone ?? DBNull.Value });
        command.Parameters.AddWithValue("max", maxCount);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
