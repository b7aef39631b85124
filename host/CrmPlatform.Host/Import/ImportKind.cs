namespace CrmPlatform.Host.Import;

/// <summary>What a CSV file holds.</summary>
public enum ImportKind
{
    /// <summary>One customer per row: profile fields, custom attributes, stage and tags.</summary>
    Customers = 0,

    /// <summary>One order per row, placed on an existing customer.</summary>
    Orders = 1,
}
