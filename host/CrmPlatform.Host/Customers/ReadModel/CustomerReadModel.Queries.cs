using Dapper;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>Lists, filters and search, and the due-date index of the inactivity rule.</summary>
public sealed partial class CustomerReadModel
{
    /// <inheritdoc />
    public async Task<CustomerPage> ListAsync(CustomerListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (HasNul(query.Tier, query.Tag, query.Owner, query.Text))
        {
            return new CustomerPage([], null);
        }

        var parameters = new DynamicParameters();
        var where = new List<string>();
        void Filter(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(clause);
                parameters.Add(name, value);
            }
        }

        Filter("stage = @stage", "stage", query.Stage is { } stage ? StageText(stage) : null);
        Filter("tier = @tier", "tier", query.Tier);
        Filter("owner = @owner", "owner", query.Owner);
        Filter(_database.Pick("EXISTS (SELECT 1 FROM json_each(customers.tags) WHERE value = @tag)", "tags @> ARRAY[@tag]::text[]"), "tag", query.Tag);
        Filter($"{_database.Pick("instr", "strpos")}(search_text, @text) > 0", "text", query.Text?.ToLowerInvariant());

        // An id after "a\0…" is an id after "a": no stored id holds U+0000.
        Filter("id > @after", "after", query.AfterId?.Split('\0')[0]);
        parameters.Add("limit", query.Limit + 1);
        var rows = await _database.QueryAsync(
            $"SELECT {_rowColumns} FROM {_customers} {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY id LIMIT @limit",
            parameters,
            ReadRow,
            cancellationToken);
        return CustomerPage.Of([.. rows], query.Limit);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FindInactiveAsync(DateTimeOffset cutoff, int maxCount, CancellationToken cancellationToken = default)
    {
        // A customer without orders is judged by its last stage change (GREATEST ignores NULLs; SQLite's
        // text times compare with the empty string instead).
        var latest = _database.Pick("max(stage_changed_at, COALESCE(last_order_at, ''))", "GREATEST(stage_changed_at, last_order_at)");
        return await _database.QueryAsync(
            $"""
            SELECT id FROM {_customers}
            WHERE stage IN ('growth', 'maturity') AND {latest} <= @cutoff
            ORDER BY id LIMIT @maxCount
            """,
            new { cutoff = _database.Time(FloorToMicrosecond(cutoff)), maxCount },
            r => r.Text(0),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FindByContactAsync(string? email, string? phone, int maxCount, CancellationToken cancellationToken = default)
    {
        if (HasNul(email, phone))
        {
            return [];
        }

        return await _database.QueryAsync(
            $"""
            SELECT id FROM {_customers} WHERE lower(primary_email) = lower(@email)
            UNION SELECT id FROM {_customers} WHERE primary_phone = @phone
            ORDER BY id LIMIT @maxCount
            """,
            new { email, phone, maxCount },
            r => r.Text(0),
            cancellationToken);
    }
}
