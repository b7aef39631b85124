using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Customers.Requests;

/// <summary>Registers a customer; <c>id</c> is optional (derived from the Idempotency-Key when given, else random); <c>kind</c> defaults to person.</summary>
public sealed record RegisterCustomerRequest(string? Id, CustomerKind? Kind, string? FirstName, string? LastName, string? OrganisationName, string? Company, IReadOnlyList<string>? Emails, IReadOnlyList<string>? Phones, IReadOnlyDictionary<string, JsonElement>? Attributes, string? Source)
{
    /// <summary>The command, or null with the missing fields in <paramref name="errors"/>.</summary>
    public CustomerCommand? ToCommand(FieldErrors errors) => new RegisterCustomer(Kind ?? CustomerKind.Person, FirstName, LastName, OrganisationName, Company, Emails, Phones, Attributes, Source);
}
