namespace CrmPlatform.Sdk.Customers;

/// <summary>A customer's consent to be contacted on one channel.</summary>
public enum ConsentStatus
{
    /// <summary>Never stated: the platform treats it as no consent.</summary>
    Unknown = 0,

    /// <summary>The customer opted in.</summary>
    Granted = 1,

    /// <summary>The customer opted out; an opt-out always wins.</summary>
    Withdrawn = 2,
}
