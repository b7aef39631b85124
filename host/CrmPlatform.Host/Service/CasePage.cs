using CrmPlatform.Host.Customers.ReadModel;

namespace CrmPlatform.Host.Service;

/// <summary>One page of cases and the cursor of the next page (null on the last).</summary>
internal sealed record CasePage(IReadOnlyList<CaseRow> Items, string? NextCursor)
{
    /// <summary>The page from up to <paramref name="limit"/> + 1 rows: the extra row only says that more follow.</summary>
    public static CasePage Of(IReadOnlyList<CaseRow> rows, int limit) =>
        rows.Count > limit
            ? new CasePage([.. rows.Take(limit)], CustomerCursor.Encode(rows[limit - 1].Id))
            : new CasePage(rows, null);
}
