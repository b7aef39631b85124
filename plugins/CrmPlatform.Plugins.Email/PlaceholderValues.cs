using System.Text.Json;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Plugins.Email;

/// <summary>The values of a message's placeholders, from its customer snapshot and its variables.</summary>
internal static class PlaceholderValues
{
    /// <summary>
    /// A lookup for <see cref="TemplateText.Render"/>: <c>firstName</c> and <c>lastName</c> come from
    /// the customer's attributes of those names when present, otherwise from a person's display name
    /// (first word, then the rest); <c>email</c> is the recipient; <c>attr.NAME</c> is the attribute
    /// (text as is, other JSON as written; empty when the customer has none); <c>var.NAME</c> must be
    /// among the message's variables. Anything else has no value.
    /// </summary>
    public static Func<string, string?> For(OutboundMessage message)
    {
        var customer = message.Customer;
        var (first, last) = SplitName(customer.Kind, customer.DisplayName);
        return name => name switch
        {
            "firstName" => Attribute(customer.Attributes, "firstName") ?? first,
            "lastName" => Attribute(customer.Attributes, "lastName") ?? last,
            "displayName" => customer.DisplayName,
            "email" => message.Recipient,
            "customerId" => customer.Id,
            _ when name.StartsWith("attr.", StringComparison.Ordinal) => Attribute(customer.Attributes, name[5..]) ?? string.Empty,
            _ when name.StartsWith("var.", StringComparison.Ordinal) => message.Variables.TryGetValue(name[4..], out var value) ? value : null,
            _ => null,
        };
    }

    private static string? Attribute(IReadOnlyDictionary<string, JsonElement> attributes, string name) =>
        attributes.TryGetValue(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
                _ => value.GetRawText(),
            }
            : null;

    private static (string First, string Last) SplitName(CustomerKind kind, string displayName)
    {
        if (kind != CustomerKind.Person || string.IsNullOrWhiteSpace(displayName))
        {
            return (string.Empty, string.Empty);
        }

        var trimmed = displayName.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (trimmed, string.Empty) : (trimmed[..space], trimmed[(space + 1)..].Trim());
    }
}
