using System.Text.Json;

namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Changes descriptive data; null members stay as they are, a JSON null attribute is removed.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.update-profile")]
public sealed record UpdateProfile(
    [property: Id(0)] string? FirstName,
    [property: Id(1)] string? LastName,
    [property: Id(2)] string? OrganisationName,
    [property: Id(3)] string? Company,
    [property: Id(4)] IReadOnlyList<string>? Emails,
    [property: Id(5)] IReadOnlyList<string>? Phones,
    [property: Id(6)] IReadOnlyDictionary<string, JsonElement>? Attributes) : CustomerCommand;
