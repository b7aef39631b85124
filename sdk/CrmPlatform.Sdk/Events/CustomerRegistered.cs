using System.Text.Json;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Events;

/// <summary>A customer became known to the platform.</summary>
/// <param name="Kind">Person or organisation.</param>
/// <param name="FirstName">Given name of a person.</param>
/// <param name="LastName">Family name of a person.</param>
/// <param name="OrganisationName">Name of an organisation.</param>
/// <param name="Company">The company a person works for.</param>
/// <param name="Emails">Email addresses, the primary one first.</param>
/// <param name="Phones">Phone numbers, the primary one first.</param>
/// <param name="Attributes">Custom attributes, by name, as declared in the attribute schema.</param>
/// <param name="Source">Where the customer came from (for example <c>web-form</c>, <c>import</c>).</param>
[CustomerEvent("crm.customer.registered", 1)]
public sealed record CustomerRegistered(
    CustomerKind Kind,
    string? FirstName,
    string? LastName,
    string? OrganisationName,
    string? Company,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Phones,
    IReadOnlyDictionary<string, JsonElement> Attributes,
    string? Source) : ICustomerEvent;
