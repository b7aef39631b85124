namespace CrmPlatform.Sdk.Customers;

/// <summary>Whether a customer is an individual or an organisation.</summary>
public enum CustomerKind
{
    /// <summary>An individual (B2C).</summary>
    Person = 0,

    /// <summary>A company or other organisation (B2B).</summary>
    Organisation = 1,
}
