using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Sdk.Events;

/// <summary>A sales opportunity was opened for an account (the customer that owns its stream).</summary>
/// <param name="OpportunityId">Identifies the opportunity; its stream id.</param>
/// <param name="Name">A short name for the deal.</param>
/// <param name="Amount">The expected deal value; not negative.</param>
/// <param name="Currency">ISO 4217 currency code, upper case.</param>
/// <param name="ExpectedCloseDate">When the deal is expected to close.</param>
/// <param name="Owner">Who works the deal.</param>
/// <param name="Stage">The stage it opened in (an open stage).</param>
/// <param name="Probability">The chance of winning, in percent (0–100).</param>
[CustomerEvent("crm.opportunity.opened", 1)]
public sealed record OpportunityOpened(
    string OpportunityId,
    string Name,
    decimal Amount,
    string Currency,
    DateOnly ExpectedCloseDate,
    string Owner,
    OpportunityStage Stage,
    int Probability) : ICustomerEvent;
