namespace CrmPlatform.Sdk.Customers;

/// <summary>One line of an order.</summary>
/// <param name="Sku">The product's stock-keeping unit.</param>
/// <param name="Description">What was bought, in words.</param>
/// <param name="Quantity">How many; positive.</param>
/// <param name="UnitPrice">Price of one unit in the order's currency; not negative.</param>
public sealed record OrderLine(string Sku, string? Description, decimal Quantity, decimal UnitPrice);
