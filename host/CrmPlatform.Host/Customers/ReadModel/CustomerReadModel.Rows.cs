using System.Text.Json;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>How <see cref="CustomerRow"/>s map to rows of the customers table.</summary>
public sealed partial class CustomerReadModel
{
    private static readonly string[] UpsertColumns =
    [
        "id", "kind", "first_name", "last_name", "organisation_name", "company", "display_name", "primary_email", "primary_phone",
        "stage", "stage_changed_at", "tier", "revenue", "order_count", "last_order_at", "last_activity_at", "tags", "owner",
        "registered_at", "version", "search_text",
    ];

    /// <summary>
    /// The batch's rows as one JSON array parameter, one object per row with the columns' names: the
    /// database unpacks it (<c>json_each</c>, <c>jsonb_to_recordset</c>), so every changed row is
    /// written by one statement whatever the backend.
    /// </summary>
    private string RowsJson(IEnumerable<CustomerRow> rows) => JsonSerializer.Serialize(rows.Select(row => new Dictionary<string, object?>
    {
        ["id"] = row.Id,
        ["kind"] = JsonNamingPolicy.CamelCase.ConvertName(row.Kind.ToString()),
        ["first_name"] = row.FirstName,
        ["last_name"] = row.LastName,
        ["organisation_name"] = row.OrganisationName,
        ["company"] = row.Company,
        ["display_name"] = row.DisplayName,
        ["primary_email"] = row.PrimaryEmail,
        ["primary_phone"] = row.PrimaryPhone,
        ["stage"] = StageText(row.Stage),
        ["stage_changed_at"] = StoredTime(row.StageChangedAt),
        ["tier"] = row.Tier,
        ["revenue"] = row.Revenue,
        ["order_count"] = row.OrderCount,
        ["last_order_at"] = row.LastOrderAt is { } lastOrder ? StoredTime(lastOrder) : null,
        ["last_activity_at"] = row.LastActivityAt is { } lastActivity ? StoredTime(lastActivity) : null,
        ["tags"] = row.Tags.ToArray(),
        ["owner"] = row.Owner,
        ["registered_at"] = StoredTime(row.RegisteredAt),
        ["version"] = row.Version,
        ["search_text"] = row.SearchText,
    }));

    /// <summary>A time as the database stores it, floored to the microsecond explicitly (so that times before 2000 round like the rest).</summary>
    private object StoredTime(DateTimeOffset value) => _database.Time(FloorToMicrosecond(value));

    private static DateTimeOffset FloorToMicrosecond(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>
    /// The rows of a JSON array parameter as a table <c>alias</c> with the given columns (name and
    /// PostgreSQL type; SQLite keeps each value's JSON type).
    /// </summary>
    private string JsonRecords(string parameter, string alias, params (string Name, string Type)[] columns) => _database.Pick(
        $"(SELECT {string.Join(", ", columns.Select(c => $"json_extract(value, '$.{c.Name}') AS {c.Name}"))} FROM json_each(@{parameter})) AS {alias}",
        $"jsonb_to_recordset(CAST(@{parameter} AS jsonb)) AS {alias}({string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}"))})");

    private static CustomerRow ReadRow(SqlRow r)
    {
        var row = new CustomerRow(r.Text(0))
        {
            Kind = Enum.Parse<CustomerKind>(r.Text(1), ignoreCase: true),
            FirstName = r.NullableText(2),
            LastName = r.NullableText(3),
            OrganisationName = r.NullableText(4),
            Company = r.NullableText(5),
            PrimaryEmail = r.NullableText(6),
            PrimaryPhone = r.NullableText(7),
            Stage = Enum.Parse<LifecycleStage>(r.Text(8), ignoreCase: true),
            StageChangedAt = r.Time(9),
            Tier = r.NullableText(10),
            Revenue = WithoutTrailingZeros(r.Amount(11)),
            OrderCount = r.SmallNumber(12),
            LastOrderAt = r.NullableTime(13),
            LastActivityAt = r.NullableTime(14),
            Owner = r.NullableText(16),
            RegisteredAt = r.Time(17),
            Version = r.Number(18),
        };
        row.Tags.UnionWith(JsonSerializer.Deserialize<string[]>(r.Text(15)) ?? []);
        return row;
    }

    // numeric keeps the scale it was given (10.50) and SQLite's REAL does not: the API shows 10.5 on both.
    private static decimal WithoutTrailingZeros(decimal value) => value / 1.000000000000000000000000000000000m;
}
