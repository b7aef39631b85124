using System.Data.Common;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// The PostgreSQL database every silo of a cluster shares. Times are <c>timestamptz</c>; migrations
/// are recorded per component in <c>crm_schema_migrations</c> (see <see cref="PostgresMigrator"/>).
/// </summary>
public sealed class PostgresSqlDatabase(NpgsqlDataSource dataSource) : SqlDatabase
{
    /// <summary>The data source connections come from.</summary>
    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <inheritdoc />
    public override StorageProvider Provider => StorageProvider.Postgres;

    /// <inheritdoc />
    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await DataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    public override object Time(DateTimeOffset value) => value.ToUniversalTime();

    /// <inheritdoc />
    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetFieldValue<DateTimeOffset>(ordinal);
    }

    /// <inheritdoc />
    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <inheritdoc />
    public override Task<int> MigrateAsync(SchemaComponent component, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(component);
        return PostgresMigrator.MigrateAsync(DataSource, component.Name, component.Postgres, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<int> SchemaVersionAsync(SchemaComponent component, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(component);
        return PostgresMigrator.VersionAsync(DataSource, component.Name, cancellationToken);
    }
}
