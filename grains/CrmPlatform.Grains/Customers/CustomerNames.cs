using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Customers;

/// <summary>How a customer's name is shown.</summary>
public static class CustomerNames
{
    /// <summary>"First Last" for a person; the organisation name for an organisation.</summary>
    public static string Display(CustomerKind kind, string? firstName, string? lastName, string? organisationName) =>
        kind == CustomerKind.Organisation
            ? organisationName ?? string.Empty
            : string.Join(' ', new[] { firstName, lastName }.Where(n => !string.IsNullOrEmpty(n)));
}
