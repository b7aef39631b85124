using System.Buffers;
using System.Text;
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
    /// database unpacks it (<c>jsonb_each</c>, <c>jsonb_to_recordset</c>), so every changed row is
    /// written by one statement whatever the backend. Written straight to UTF-8: the projector does
    /// this for every batch, in the same process as the grains.
    /// </summary>
    private string RowsJson(IEnumerable<CustomerRow> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("id", row.Id);
                json.WriteString("kind", KindText(row.Kind));
                json.WriteString("first_name", row.FirstName);
                json.WriteString("last_name", row.LastName);
                json.WriteString("organisation_name", row.OrganisationName);
                json.WriteString("company", row.Company);
                json.WriteString("display_name", row.DisplayName);
                json.WriteString("primary_email", row.PrimaryEmail);
                json.WriteString("primary_phone", row.PrimaryPhone);
                json.WriteString("stage", StageText(row.Stage));
                WriteTime(json, "stage_changed_at", row.StageChangedAt);
                json.WriteString("tier", row.Tier);
                json.WriteNumber("revenue", row.Revenue);
                json.WriteNumber("order_count", row.OrderCount);
                WriteTime(json, "last_order_at", row.LastOrderAt);
                WriteTime(json, "last_activity_at", row.LastActivityAt);
                json.WriteStartArray("tags");
                foreach (var tag in row.Tags)
                {
                    json.WriteStringValue(tag);
                }

                json.WriteEndArray();
                json.WriteString("owner", row.Owner);
                WriteTime(json, "registered_at", row.RegisteredAt);
                json.WriteNumber("version", row.Version);
                json.WriteString("search_text", row.SearchText);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A time column's value in a JSON parameter, as <see cref="StoredTime"/> gives it (text on SQLite, a <see cref="DateTimeOffset"/> on PostgreSQL).</summary>
    private void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        switch (value is { } time ? StoredTime(time) : null)
        {
            case null:
                json.WriteNull(name);
                break;
            case string text:
                json.WriteString(name, text);
                break;
            case DateTimeOffset stored:
                json.WriteString(name, stored);
                break;
            case var other:
                json.WritePropertyName(name);
                JsonSerializer.Serialize(json, other, other.GetType());
                break;
        }
    }

    private static string KindText(CustomerKind kind) => kind switch
    {
        CustomerKind.Person => "person",
        CustomerKind.Organisation => "organisation",
        _ => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()),
    };

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
        $"(SELECT {string.Join(", ", columns.Select(c => $"json_extract(value, '$.{c.Name}') AS {c.Name}"))} FROM jsonb_each(@{parameter})) AS {alias}",
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
