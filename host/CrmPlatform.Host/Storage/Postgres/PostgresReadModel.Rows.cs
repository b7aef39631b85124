using System.Text.Json;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Sdk.Customers;
using Npgsql;
using NpgsqlTypes;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>How <see cref="CustomerRow"/>s map to rows of <c>crm_customers</c>.</summary>
public sealed partial class PostgresReadModel
{
    // Every changed row in one statement: one array per column, unnested in the order given. Tags are
    // a JSON array per row (a text[][] cannot be unnested row by row). A row is only replaced by a
    // later version of itself, whoever wrote it.
    private const string UpsertSql =
        """
        INSERT INTO crm_customers (
            id, kind, first_name, last_name, organisation_name, company, display_name, primary_email, primary_phone,
            stage, stage_changed_at, tier, revenue, order_count, last_order_at, last_activity_at, tags, owner,
            registered_at, version, search_text)
        SELECT
            r.id, r.kind, r.first_name, r.last_name, r.organisation_name, r.company, r.display_name, r.primary_email, r.primary_phone,
            r.stage, r.stage_changed_at, r.tier, r.revenue, r.order_count, r.last_order_at, r.last_activity_at,
            ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.owner, r.registered_at, r.version, r.search_text
        FROM unnest(
            @id, @kind, @first_name, @last_name, @organisation_name, @company, @display_name, @primary_email, @primary_phone,
            @stage, @stage_changed_at, @tier, @revenue, @order_count, @last_order_at, @last_activity_at, @tags, @owner,
            @registered_at, @version, @search_text) WITH ORDINALITY AS r(
            id, kind, first_name, last_name, organisation_name, company, display_name, primary_email, primary_phone,
            stage, stage_changed_at, tier, revenue, order_count, last_order_at, last_activity_at, tags, owner,
            registered_at, version, search_text, n)
        ORDER BY r.n
        ON CONFLICT (id) DO UPDATE SET
            kind = excluded.kind, first_name = excluded.first_name, last_name = excluded.last_name,
            organisation_name = excluded.organisation_name, company = excluded.company, display_name = excluded.display_name,
            primary_email = excluded.primary_email, primary_phone = excluded.primary_phone, stage = excluded.stage,
            stage_changed_at = excluded.stage_changed_at, tier = excluded.tier, revenue = excluded.revenue,
            order_count = excluded.order_count, last_order_at = excluded.last_order_at, last_activity_at = excluded.last_activity_at,
            tags = excluded.tags, owner = excluded.owner, registered_at = excluded.registered_at, version = excluded.version,
            search_text = excluded.search_text
        WHERE crm_customers.version < excluded.version
        """;

    private static NpgsqlBatchCommand CreateUpsert(IReadOnlyList<CustomerRow> rows)
    {
        var command = new NpgsqlBatchCommand(UpsertSql);
        void Column<T>(string name, NpgsqlDbType type, Func<CustomerRow, T> value) =>
            command.Parameters.Add(new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | type) { TypedValue = rows.Select(value).ToArray() });

        Column("id", NpgsqlDbType.Text, r => r.Id);
        Column("kind", NpgsqlDbType.Text, r => JsonNamingPolicy.CamelCase.ConvertName(r.Kind.ToString()));
        Column("first_name", NpgsqlDbType.Text, r => r.FirstName);
        Column("last_name", NpgsqlDbType.Text, r => r.LastName);
        Column("organisation_name", NpgsqlDbType.Text, r => r.OrganisationName);
        Column("company", NpgsqlDbType.Text, r => r.Company);
        Column("display_name", NpgsqlDbType.Text, r => r.DisplayName);
        Column("primary_email", NpgsqlDbType.Text, r => r.PrimaryEmail);
        Column("primary_phone", NpgsqlDbType.Text, r => r.PrimaryPhone);
        Column("stage", NpgsqlDbType.Text, r => StageText(r.Stage));
        Column("stage_changed_at", NpgsqlDbType.TimestampTz, r => Utc(r.StageChangedAt));
        Column("tier", NpgsqlDbType.Text, r => r.Tier);
        Column("revenue", NpgsqlDbType.Numeric, r => r.Revenue);
        Column("order_count", NpgsqlDbType.Integer, r => r.OrderCount);
        Column("last_order_at", NpgsqlDbType.TimestampTz, r => r.LastOrderAt is { } at ? Utc(at) : (DateTime?)null);
        Column("last_activity_at", NpgsqlDbType.TimestampTz, r => r.LastActivityAt is { } at ? Utc(at) : (DateTime?)null);
        Column("tags", NpgsqlDbType.Jsonb, r => JsonSerializer.Serialize(r.Tags));
        Column("owner", NpgsqlDbType.Text, r => r.Owner);
        Column("registered_at", NpgsqlDbType.TimestampTz, r => Utc(r.RegisteredAt));
        Column("version", NpgsqlDbType.Bigint, r => r.Version);
        Column("search_text", NpgsqlDbType.Text, r => r.SearchText);
        return command;
    }

    /// <summary>
    /// A time as <c>timestamptz</c> keeps it: UTC, floored to the microsecond (explicitly, so that
    /// times before 2000 and cutoffs round the same way as everything else).
    /// </summary>
    private static DateTime Utc(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }

    // numeric keeps the scale it was given (10.50); the SQLite read model, and so the API, shows 10.5.
    private static decimal WithoutTrailingZeros(decimal value) => value / 1.000000000000000000000000000000000m;

    private static string StageText(LifecycleStage stage) => JsonNamingPolicy.CamelCase.ConvertName(stage.ToString());

    private static CustomerRow ReadRow(NpgsqlDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
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
            StageChangedAt = r.GetFieldValue<DateTimeOffset>(9),
            Tier = Text(10),
            Revenue = WithoutTrailingZeros(r.GetDecimal(11)),
            OrderCount = r.GetInt32(12),
            LastOrderAt = Time(13),
            LastActivityAt = Time(14),
            Owner = Text(16),
            RegisteredAt = r.GetFieldValue<DateTimeOffset>(17),
            Version = r.GetInt64(18),
        };
        row.Tags.UnionWith(r.GetFieldValue<string[]>(15));
        return row;
    }
}
