namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>One page of a customer list.</summary>
/// <param name="Items">The customers, ordered by id.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> to get the next page; null on the last page.</param>
public sealed record CustomerPage(IReadOnlyList<CustomerListItem> Items, string? NextCursor)
{
    /// <summary>
    /// The page from rows read with a limit of <paramref name="limit"/> + 1: the extra row, if any,
    /// only tells that a next page exists.
    /// </summary>
    internal static CustomerPage Of(IReadOnlyList<CustomerRow> rows, int limit) => new(
        [.. rows.Take(limit).Select(r => r.ToListItem())],
        rows.Count > limit ? CustomerCursor.Encode(rows[limit - 1].Id) : null);
}
