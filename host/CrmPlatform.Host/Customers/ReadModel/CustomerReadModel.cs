using System.Text.Json;
using CrmPlatform.Host.Reports;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>
/// The customers table that lists, filters and search read, with the projectors' checkpoints, the
/// report facts and the parked events beside it — an embedded file or the database every silo
/// shares. Several projectors may apply at once: a batch takes its checkpoint's row lock, skips what
/// the checkpoint already covers and commits its rows with the checkpoint, so no event is applied
/// twice and the checkpoint never moves backwards.
/// </summary>
/// <remarks>
/// Times come back in UTC (offset zero), floored to the microsecond on both backends, because
/// PostgreSQL's <c>timestamptz</c> keeps no finer ticks.
/// </remarks>
public sealed partial class CustomerReadModel : ICustomerReadModel, IReportReadModel
{
    private readonly SqlDatabase _database;
    private readonly string _customers;
    private readonly string _checkpoints;
    private readonly string _rowColumns;
    private readonly string _lockCheckpointSql;
    private readonly string _saveCheckpointSql;

    /// <summary>The read model in <paramref name="database"/>, already migrated to <see cref="Schema"/>.</summary>
    public CustomerReadModel(SqlDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _customers = Table("customers");
        _checkpoints = Table("checkpoints");

        // Tags are a JSON array on SQLite and a text[] on PostgreSQL: both are read as JSON text.
        _rowColumns =
            "id, kind, first_name, last_name, organisation_name, company, primary_email, primary_phone, stage, stage_changed_at, " +
            $"tier, revenue, order_count, last_order_at, last_activity_at, {database.Pick("tags", "array_to_json(tags)::text")}, owner, registered_at, version";

        // Takes the checkpoint's row lock (creating the row if needed) and returns its position. A
        // concurrent batch for the same checkpoint waits here until this one commits, then sees its
        // position. The no-op update is what takes the lock, also on the very first batch; an
        // embedded file has one writer at a time anyway.
        _lockCheckpointSql =
            $"""
            INSERT INTO {_checkpoints} (name, position) VALUES (@name, 0)
            ON CONFLICT (name) DO UPDATE SET position = {_checkpoints}.position
            RETURNING position
            """;
        _saveCheckpointSql = $"UPDATE {_checkpoints} SET position = {database.Pick("max", "GREATEST")}(position, @position) WHERE name = @name";
        _parkedSql = ParkedStatements();
        (_upsertSql, _factsSql) = WriteStatements();
    }

    /// <inheritdoc />
    public async Task<long> GetCheckpointAsync(string name, CancellationToken cancellationToken = default) =>
        await _database.ScalarAsync<long?>($"SELECT position FROM {_checkpoints} WHERE name = @name", new { name }, cancellationToken) ?? 0;

    private static string StageText(LifecycleStage stage) => JsonNamingPolicy.CamelCase.ConvertName(stage.ToString());

    /// <summary>A table's name: PostgreSQL's tables carry the platform's prefix.</summary>
    private string Table(string name) => _database.Pick(name, "crm_" + name);

    /// <summary>
    /// PostgreSQL text cannot hold U+0000 and no stored value contains it (fields are validated): a
    /// filter with one matches nothing, on either backend.
    /// </summary>
    private static bool HasNul(params string?[] values) => values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true);
}
