namespace CrmPlatform.Sdk.Customers;

/// <summary>How urgently a case must be handled.</summary>
public enum CasePriority
{
    /// <summary>Handle when convenient.</summary>
    Low = 0,

    /// <summary>The default.</summary>
    Normal = 1,

    /// <summary>Handle before normal cases.</summary>
    High = 2,

    /// <summary>Handle now.</summary>
    Urgent = 3,
}
