using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Sdk.Testing;

/// <summary>The command the hooks look at.</summary>
internal sealed record HookInput(string CustomerId, CustomerSnapshot? Before, IReadOnlyList<ICustomerEvent> Events, string Actor);
