using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Hooks;

/// <summary>A command about to be written, as hooks see it.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Before">The customer before the command; null when it is not registered yet.</param>
/// <param name="Events">The events the command would write.</param>
/// <param name="Actor">Who sent the command.</param>
public sealed record HookRequest(string CustomerId, CustomerView? Before, IReadOnlyList<ICustomerEvent> Events, string Actor);
