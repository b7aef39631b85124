namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// The PostgreSQL tables and stored queries that Orleans' ADO.NET providers (invariant <c>Npgsql</c>) need for
/// membership, grain storage and reminders. The providers ship no SQL: they read their statements by key from the
/// <c>OrleansQuery</c> table and bind parameters and read result columns by name, so every statement here keeps the
/// names Orleans 10 uses (PostgreSQL folds unquoted names to lower case; Npgsql matches them case-insensitively).
/// Apply with <see cref="PostgresMigrator.MigrateAsync"/> under the component <see cref="Component"/>; a shipped
/// migration is never edited, a change is a new migration at the end of the list.
/// </summary>
public static partial class OrleansPostgresSchema
{
    /// <summary>The component name in <c>crm_schema_migrations</c>.</summary>
    public const string Component = "orleans";

    /// <summary>The ordered migrations: query table and membership, grain storage, reminders.</summary>
    public static IReadOnlyList<string> Migrations { get; } = [Membership, GrainStorage, Reminders];

    /// <summary>The query keys the clustering provider requires.</summary>
    public static IReadOnlyList<string> ClusteringQueryKeys { get; } =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey", "UpdateIAmAlivetimeKey",
        "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
    ];

    /// <summary>The query keys the grain storage provider reads (<c>DeleteStorageKey</c> serves <c>DeleteStateOnClear</c>).</summary>
    public static IReadOnlyList<string> GrainStorageQueryKeys { get; } =
        ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    /// <summary>The query keys the reminder provider requires.</summary>
    public static IReadOnlyList<string> ReminderQueryKeys { get; } =
    [
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];
}
