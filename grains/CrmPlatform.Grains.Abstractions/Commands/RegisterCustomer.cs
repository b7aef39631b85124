using System.Text.Json;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Makes a new customer known.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.register-customer")]
public sealed record RegisterCustomer(
    [property: Id(0)] CustomerKind Kind,
    [property: Id(1)] string? FirstName,
    [property: Id(2)] string? LastName,
    [property: Id(3)] string? OrganisationName,
    [property: Id(4)] string? Company,
    [property: Id(5)] IReadOnlyList<string>? Emails,
    [property: Id(6)] IReadOnlyList<string>? Phones,
    [property: Id(7)] IReadOnlyDictionary<string, JsonElement>? Attributes,
    [property: Id(8)] string? Source) : CustomerCommand;
