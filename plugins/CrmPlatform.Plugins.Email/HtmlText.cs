using System.Text;
using MimeKit.Text;

namespace CrmPlatform.Plugins.Email;

/// <summary>Turns an HTML body into readable plain text with MimeKit's HTML tokenizer.</summary>
internal static class HtmlText
{
    private static readonly HashSet<HtmlTagId> ParagraphTags =
    [
        HtmlTagId.P, HtmlTagId.Div, HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3, HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6,
        HtmlTagId.BlockQuote, HtmlTagId.Table, HtmlTagId.UL, HtmlTagId.OL, HtmlTagId.HR,
    ];

    private static readonly HashSet<HtmlTagId> LineTags = [HtmlTagId.Br, HtmlTagId.TR, HtmlTagId.LI];

    /// <summary>The text of <paramref name="html"/>: entities decoded, scripts and styles dropped, a line break per line or list item, a blank line between paragraphs.</summary>
    public static string ToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length);
        var skipping = HtmlTagId.Unknown;
        using (var reader = new StringReader(html))
        {
            var tokenizer = new HtmlTokenizer(reader);
            while (tokenizer.ReadNextToken(out var token))
            {
                switch (token)
                {
                    case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head:
                        skipping = tag.IsEndTag || tag.IsEmptyElement ? HtmlTagId.Unknown : tag.Id;
                        break;
                    case HtmlTagToken tag when ParagraphTags.Contains(tag.Id):
                        text.Append("\n\n");
                        break;
                    case HtmlTagToken tag when LineTags.Contains(tag.Id) && !tag.IsEndTag:
                        text.Append('\n');
                        break;
                    case HtmlDataToken data when skipping == HtmlTagId.Unknown:
                        text.Append(data.Data);
                        break;
                }
            }
        }

        return Tidy(text.ToString());
    }

    private static string Tidy(string text)
    {
        var lines = text.Split('\n').Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(blank > 0 ? "\n\n" : "\n");
            }

            result.Append(line);
            blank = 0;
        }

        return result.ToString();
    }
}
