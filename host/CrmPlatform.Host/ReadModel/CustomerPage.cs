namespace CrmPlatform.Host.ReadModel;

/// <summary>One page of a customer list.</summary>
/// <param name="Items">The customers, ordered by id.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> to get the next page; null on the last page.</param>
public sealed record CustomerPage(IReadOnlyList<CustomerListItem> Items, string? NextCursor);
