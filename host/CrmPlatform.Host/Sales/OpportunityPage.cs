using CrmPlatform.Host.Customers.ReadModel;

namespace CrmPlatform.Host.Sales;

/// <summary>One page of opportunities and the cursor of the next page (null on the last).</summary>
internal sealed record OpportunityPage(IReadOnlyList<OpportunityRow> Items, string? NextCursor)
{
    /// <summary>The page from up to <paramref name="limit"/> + 1 rows: the extra row only says that more follow.</summary>
    public static OpportunityPage Of(IReadOnlyList<OpportunityRow> rows, int limit) =>
        rows.Count > limit
            ? new OpportunityPage([.. rows.Take(limit)], CustomerCursor.Encode(rows[limit - 1].Id))
            : new OpportunityPage(rows, null);
}
