namespace CrmPlatform.Host.Import;

/// <summary>The fields a CSV column can be mapped to, for each kind of import.</summary>
public static class ImportFields
{
    /// <summary>The prefix of a custom attribute field (<c>attributes.industry</c>).</summary>
    public const string AttributePrefix = "attributes.";

    /// <summary>Customer fields besides custom attributes.</summary>
    public static IReadOnlyList<string> Customer { get; } =
        ["id", "kind", "firstName", "lastName", "organisationName", "company", "email", "phone", "stage", "tags"];

    /// <summary>Order fields.</summary>
    public static IReadOnlyList<string> Order { get; } =
        ["customerId", "orderId", "amount", "currency", "placedAt", "lines", "sku", "description", "quantity", "unitPrice"];

    /// <summary>The fields a file of <paramref name="kind"/> must map.</summary>
    public static IReadOnlyList<string> Required(ImportKind kind) =>
        kind == ImportKind.Customers ? ["id"] : ["customerId", "orderId", "currency"];

    /// <summary>The fields of <paramref name="kind"/> (without attributes).</summary>
    public static IReadOnlyList<string> Of(ImportKind kind) => kind == ImportKind.Customers ? Customer : Order;
}
