using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Validation;

namespace CrmPlatform.Host.Customers.Requests;

/// <summary>Adds and removes tags.</summary>
public sealed record ChangeTagsRequest(IReadOnlyList<string>? Add, IReadOnlyList<string>? Remove)
{
    /// <summary>The command, or null with the missing fields in <paramref name="errors"/>.</summary>
    public CustomerCommand? ToCommand(FieldErrors errors) => new ChangeTags(Add, Remove);
}
