using System.Net;
using System.Text.RegularExpressions;

namespace CrmPlatform.Plugins.Email;

/// <summary>Finds and fills <c>{{placeholder}}</c>s in a template's subject and bodies.</summary>
internal static partial class TemplateText
{
    /// <summary>The customer placeholders; <c>attr.NAME</c> and <c>var.NAME</c> come on top.</summary>
    public static IReadOnlyList<string> CustomerFields { get; } = ["firstName", "lastName", "displayName", "email", "customerId"];

    /// <summary>The first placeholder of <paramref name="text"/> that is malformed or names nothing known, or null.</summary>
    public static string? FindMalformed(string text)
    {
        var matches = Placeholder().Matches(text);
        foreach (Match match in matches)
        {
            if (!IsKnown(match.Groups["name"].Value))
            {
                return match.Value;
            }
        }

        var rest = Placeholder().Replace(text, string.Empty);
        var open = rest.IndexOf("{{", StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        var close = rest.IndexOf("}}", open, StringComparison.Ordinal);
        return close < 0 ? rest[open..Math.Min(rest.Length, open + 40)] : rest[open..(close + 2)];
    }

    /// <summary>
    /// Replaces every placeholder with its value from <paramref name="resolve"/>, HTML-encoded when
    /// <paramref name="html"/>. Throws <see cref="UnsendableMessageException"/> naming the first
    /// placeholder <paramref name="resolve"/> has no value for.
    /// </summary>
    public static string Render(string text, Func<string, string?> resolve, bool html) =>
        Placeholder().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            var value = resolve(name) ?? throw new UnsendableMessageException(
                $"The template's placeholder {{{{{name}}}}} has no value: it is unknown, or the message carries no such variable.");
            return html ? WebUtility.HtmlEncode(value) : value;
        });

    private static bool IsKnown(string name) =>
        CustomerFields.Contains(name, StringComparer.Ordinal)
        || (name.StartsWith("attr.", StringComparison.Ordinal) && name.Length > 5)
        || (name.StartsWith("var.", StringComparison.Ordinal) && name.Length > 4);

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)?)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
