namespace CrmPlatform.Sdk.Customers;

/// <summary>The kind of a service case.</summary>
public enum CaseKind
{
    /// <summary>The customer is unhappy with something.</summary>
    Complaint = 0,

    /// <summary>The customer asks for advice or information.</summary>
    Consultation = 1,

    /// <summary>The customer asks for something to be done.</summary>
    ServiceRequest = 2,

    /// <summary>The customer needs technical help with a product.</summary>
    TechnicalSupport = 3,

    /// <summary>The customer gives feedback on a product.</summary>
    ProductFeedback = 4,
}
