using System.Buffers;

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

    private static readonly SearchValues<char> Gsm7Alphabet = SearchValues.Create(Basic + Extension);

    private static readonly SearchValues<char> Gsm7Extension = SearchValues.Create(Extension);

    /// <summary>The encoding, units and segments of <paramref name="text"/>.</summary>
    /// <param name="text">The message text, as it will be sent.</param>
    public static SmsSegmentCount Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var gsm7 = IsGsm7(text);
        var part = gsm7 ? Gsm7Part : Ucs2Part;
        var units = 0;
        var parts = 1;
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var width = Width(text, i, gsm7);
            i += gsm7 ? 0 : width - 1;
            units += width;
            if (used + width > part)
            {
                parts++;
                used = 0;
            }

            used += width;
        }

        var segments = units == 0 ? 0 : units <= (gsm7 ? Gsm7Single : Ucs2Single) ? 1 : parts;
        return new SmsSegmentCount(gsm7 ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2, units, segments);
    }

    /// <summary>True when every character of <paramref name="text"/> is in the GSM 03.38 basic or extension table.</summary>
    public static bool IsGsm7(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return !text.AsSpan().ContainsAnyExcept(Gsm7Alphabet);
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

    /// <summary>The units of the character at <paramref name="index"/>: 2 for a GSM-7 extension character or a UCS-2 surrogate pair, else 1.</summary>
    private static int Width(string text, int index, bool gsm7) =>
        gsm7
            ? Gsm7Extension.Contains(text[index]) ? 2 : 1
            : char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
}
