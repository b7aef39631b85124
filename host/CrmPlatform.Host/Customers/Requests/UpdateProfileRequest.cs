using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Validation;

namespace CrmPlatform.Host.Customers.Requests;

/// <summary>Changes descriptive data; members left out stay as they are; an attribute set to null is removed.</summary>
public sealed record UpdateProfileRequest(string? FirstName, string? LastName, string? OrganisationName, string? Company, IReadOnlyList<string>? Emails, IReadOnlyList<string>? Phones, IReadOnlyDictionary<string, JsonElement>? Attributes)
{
    /// <summary>The command, or null with the missing fields in <paramref name="errors"/>.</summary>
    public CustomerCommand? ToCommand(FieldErrors errors) => new UpdateProfile(FirstName, LastName, OrganisationName, Company, Emails, Phones, Attributes);
}
