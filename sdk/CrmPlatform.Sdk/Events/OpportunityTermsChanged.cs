namespace CrmPlatform.Sdk.Events;

/// <summary>An open opportunity's amount or expected close date changed; both are stated as they now stand.</summary>
/// <param name="Amount">The expected deal value; not negative.</param>
/// <param name="Currency">ISO 4217 currency code, upper case.</param>
/// <param name="ExpectedCloseDate">When the deal is expected to close.</param>
[CustomerEvent("crm.opportunity.terms-changed", 1)]
public sealed record OpportunityTermsChanged(decimal Amount, string Currency, DateOnly ExpectedCloseDate) : ICustomerEvent;
