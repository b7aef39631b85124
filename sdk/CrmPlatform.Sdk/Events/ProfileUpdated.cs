using System.Text.Json;

namespace CrmPlatform.Sdk.Events;

/// <summary>
/// Descriptive data of a customer changed. A member that is <see langword="null"/> did not change;
/// an attribute whose value is a JSON <c>null</c> was removed.
/// </summary>
/// <param name="FirstName">New given name, or null if unchanged.</param>
/// <param name="LastName">New family name, or null if unchanged.</param>
/// <param name="OrganisationName">New organisation name, or null if unchanged.</param>
/// <param name="Company">New company, or null if unchanged.</param>
/// <param name="Emails">The new list of email addresses, or null if unchanged.</param>
/// <param name="Phones">The new list of phone numbers, or null if unchanged.</param>
/// <param name="Attributes">Attributes set (or removed with a JSON null), or null if none changed.</param>
[CustomerEvent("crm.customer.profile-updated", 1)]
public sealed record ProfileUpdated(
    string? FirstName,
    string? LastName,
    string? OrganisationName,
    string? Company,
    IReadOnlyList<string>? Emails,
    IReadOnlyList<string>? Phones,
    IReadOnlyDictionary<string, JsonElement>? Attributes) : ICustomerEvent;
