using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Events;

/// <summary>A customer granted or withdrew consent to be contacted on a channel.</summary>
/// <param name="Channel">The channel (for example <c>email</c>, <c>sms</c>).</param>
/// <param name="Status">Granted or withdrawn.</param>
/// <param name="Source">The proof: where and how the customer said so.</param>
[CustomerEvent("crm.customer.consent-changed", 1)]
public sealed record ConsentChanged(string Channel, ConsentStatus Status, string Source) : ICustomerEvent;
