namespace CrmPlatform.Plugins.Sms;

/// <summary>
/// Counts the segments an SMS text takes. A text whose every character is in the GSM 03.38 alphabet
/// goes as GSM-7: a basic character is one unit, an extension-table character
/// (<c>^ { } \ [ ~ ] | €</c> and form feed) two (an escape and the character); one message holds
/// 160 units, each part of a longer one 153 (the rest is the concatenation header). Any other
/// character makes the whole text UCS-2: one unit per UTF-16 code unit (two for a character outside
/// the BMP, such as an emoji); 70 units in one message, 67 per part. A two-unit character is never
/// split across parts, as handsets and providers split them.
/// </summary>
public static class SmsSegments
{
    /// <summary>Units in a single GSM-7 message.</summary>
    public const int Gsm7Single = 160;

    /// <summary>Units in each part of a multipart GSM-7 message.</summary>
    public const int Gsm7Part = 153;

    /// <summary>Units in a single UCS-2 message.</summary>
    public const int Ucs2Single = 70;

    /// <summary>Units in each part of a multipart UCS-2 message.</summary>
    public const int Ucs2Part = 67;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "\f^{}\\[~]|€";

    /// <summary>The encoding, units and segments of <paramref name="text"/>.</summary>
    /// <param name="text">The message text, as it will be sent.</param>
    public static SmsSegmentCount Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoding = IsGsm7(text) ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2;
        var widths = encoding == SmsEncoding.Gsm7 ? Gsm7Widths(text) : Ucs2Widths(text);
        var units = widths.Sum();
        var single = encoding == SmsEncoding.Gsm7 ? Gsm7Single : Ucs2Single;
        var part = encoding == SmsEncoding.Gsm7 ? Gsm7Part : Ucs2Part;
        if (units == 0)
        {
            return new SmsSegmentCount(encoding, 0, 0);
        }

        if (units <= single)
        {
            return new SmsSegmentCount(encoding, units, 1);
        }

        var segments = 1;
        var used = 0;
        foreach (var width in widths)
        {
            if (used + width > part)
            {
                segments++;
                used = 0;
            }

            used += width;
        }

        return new SmsSegmentCount(encoding, units, segments);
    }

    /// <summary>True when every character of <paramref name="text"/> is in the GSM 03.38 basic or extension table.</summary>
    public static bool IsGsm7(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!Basic.Contains(c, StringComparison.Ordinal) && !Extension.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The most characters a text of <paramref name="segments"/> segments can hold: the GSM-7
    /// figure (160 for one, 153 per part beyond), an upper bound for every text, since no
    /// character takes less than one unit and UCS-2 parts are smaller.
    /// </summary>
    public static int MaxLength(int segments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 1);
        return segments == 1 ? Gsm7Single : Gsm7Part * segments;
    }

    private static List<int> Gsm7Widths(string text) =>
        [.. text.Select(c => Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1)];

    private static List<int> Ucs2Widths(string text)
    {
        var widths = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                widths.Add(2);
                i++;
            }
            else
            {
                widths.Add(1);
            }
        }

        return widths;
    }
}
