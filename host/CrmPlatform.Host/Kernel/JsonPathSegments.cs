using System.Globalization;

namespace CrmPlatform.Host.Kernel;

/// <summary>
/// The segments of a path as System.Text.Json reports it (<c>$.lines[0].quantity</c>,
/// <c>$['odd.name']</c>): a member name, or an array index.
/// </summary>
internal static class JsonPathSegments
{
    /// <summary>One step of a path: <see cref="Name"/> for a member, <see cref="Index"/> for an array element.</summary>
    public readonly record struct Segment(string? Name, int Index);

    /// <summary>The segments of <paramref name="path"/>; empty for the document itself.</summary>
    public static IReadOnlyList<Segment> Parse(string? path)
    {
        var segments = new List<Segment>();
        var text = path ?? "$";
        var i = text.StartsWith('$') ? 1 : 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var end = text.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? text.Length : end;
                segments.Add(new Segment(text[(i + 1)..end], -1));
                i = end;
            }
            else if (text[i] == '[' && i + 1 < text.Length && text[i + 1] == '\'')
            {
                var end = text.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end;
                segments.Add(new Segment(text[(i + 2)..end], -1));
                i = end + 2;
            }
            else if (text[i] == '[')
            {
                var end = text.IndexOf(']', i + 1);
                end = end < 0 ? text.Length : end;
                segments.Add(new Segment(null, int.TryParse(text.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1));
                i = end + 1;
            }
            else
            {
                // Not a path this parser knows: the failing field is then the whole body.
                return [];
            }
        }

        return segments;
    }
}
