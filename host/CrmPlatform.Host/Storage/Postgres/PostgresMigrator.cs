using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// Creates and migrates the platform's PostgreSQL tables: each component (event log, read model,
/// keys, Orleans) has an ordered list of migrations, and <c>crm_schema_migrations</c> records which
/// have run. Migrating is idempotent and safe when several silos start at once: it runs under a
/// transaction-scoped advisory lock, so one silo migrates while the others wait and then find
/// nothing left to do.
/// </summary>
public static class PostgresMigrator
{
    // An arbitrary constant shared by every silo: "crm schema".
    private const long LockKey = 0x63726d5f736368;

    /// <summary>The newest migration of <paramref name="component"/> that has run (0: none, or no table yet); changes nothing.</summary>
    public static async Task<int> VersionAsync(NpgsqlDataSource dataSource, string component, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var read = dataSource.CreateCommand(
            """
            SELECT CASE WHEN to_regclass('crm_schema_migrations') IS NULL THEN 0
                   ELSE (SELECT COALESCE(MAX(version), 0) FROM crm_schema_migrations WHERE component = $1) END
            """);
        read.Parameters.AddWithValue(component);
        return (int)(await read.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Runs the migrations of <paramref name="component"/> that have not run yet; returns how many ran.</summary>
    public static async Task<int> MigrateAsync(
        NpgsqlDataSource dataSource, string component, IReadOnlyList<string> migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(migrations);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var setup = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(@lock);
            CREATE TABLE IF NOT EXISTS crm_schema_migrations (
                component text NOT NULL,
                version int NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (component, version)
            );
            """,
            connection,
            transaction))
        {
            setup.Parameters.AddWithValue("lock", LockKey);
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        int current;
        await using (var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM crm_schema_migrations WHERE component = @component", connection, transaction))
        {
            read.Parameters.AddWithValue("component", component);
            current = (int)(await read.ExecuteScalarAsync(cancellationToken))!;
        }

        for (var version = current + 1; version <= migrations.Count; version++)
        {
#pragma warning disable CA2100 // Migrations are the platform's own constant SQL.
            await using (var migrate = new NpgsqlCommand(migrations[version - 1], connection, transaction))
#pragma warning restore CA2100
            {
                await migrate.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var record = new NpgsqlCommand("INSERT INTO crm_schema_migrations (component, version) VALUES (@component, @version)", connection, transaction);
            record.Parameters.AddWithValue("component", component);
            record.Parameters.AddWithValue("version", version);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Math.Max(0, migrations.Count - current);
    }
}
