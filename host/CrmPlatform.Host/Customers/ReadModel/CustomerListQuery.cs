using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>Filters and page position of a customer list; every filter is optional and they combine with AND.</summary>
/// <param name="Stage">Only customers in this stage.</param>
/// <param name="Tier">Only customers with this value tier.</param>
/// <param name="Tag">Only customers with this tag.</param>
/// <param name="Owner">Only customers with this owner.</param>
/// <param name="Text">Only customers whose name, primary email or phone, or company contains this text (any case).</param>
/// <param name="AfterId">Continue after this customer id (from the previous page's cursor).</param>
/// <param name="Limit">The page size.</param>
public sealed record CustomerListQuery(
    LifecycleStage? Stage, string? Tier, string? Tag, string? Owner, string? Text, string? AfterId, int Limit);
