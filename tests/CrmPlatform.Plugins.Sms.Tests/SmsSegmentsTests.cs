namespace CrmPlatform.Plugins.Sms.Tests;

public sealed class SmsSegmentsTests
{
    private const string Emoji = "\U0001F600";

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(160, 160, 1)]
    [InlineData(161, 161, 2)]
    [InlineData(306, 306, 2)]
    [InlineData(307, 307, 3)]
    [InlineData(1530, 1530, 10)]
    [InlineData(1531, 1531, 11)]
    public void Count_BasicGsmText_Is160SingleOr153PerPart(int length, int units, int segments)
    {
        var count = SmsSegments.Count(new string('a', length));

        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, units, segments), count);
    }

    [Fact]
    public void Count_GsmBasicSetWithAccentsAndGreek_StaysGsm7()
    {
        // 10 + 4 + 11 + 4 + 7 + 5 = 41 characters of the basic set, one unit each.
        var count = SmsSegments.Count("@£$¥èéùìòÇ" + "ØøÅå" + "Δ_ΦΓΛΩΠΨΣΘΞ" + "ÆæßÉ" + "¡ÄÖÑÜ§¿" + "äöñüà");

        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, 41, 1), count);
    }

    [Fact]
    public void Count_EveryExtensionCharacter_TakesTwoUnits()
    {
        // ^ { } \ [ ~ ] | € and form feed: 10 characters, 20 units.
        var count = SmsSegments.Count("^{}\\[~]|€\f");

        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, 20, 1), count);
    }

    [Fact]
    public void Count_80Euros_Is160UnitsInOneSegment()
    {
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, 160, 1), SmsSegments.Count(new string('€', 80)));
    }

    [Fact]
    public void Count_159BasicAndOneEuro_Is161UnitsInTwoSegments()
    {
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, 161, 2), SmsSegments.Count(new string('a', 159) + "€"));
    }

    [Fact]
    public void Count_ExtensionCharacterAtPartBoundary_IsNotSplit()
    {
        // 152 + 2 + 152 = 306 units would fill two parts of 153 exactly, but the euro's escape and
        // character cannot straddle parts: part 1 = 152 units, part 2 = € + 151, part 3 = 1.
        var count = SmsSegments.Count(new string('a', 152) + "€" + new string('a', 152));

        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, 306, 3), count);
    }

    [Theory]
    [InlineData(70, 70, 1)]
    [InlineData(71, 71, 2)]
    [InlineData(134, 134, 2)]
    [InlineData(135, 135, 3)]
    public void Count_Ucs2Text_Is70SingleOr67PerPart(int length, int units, int segments)
    {
        var count = SmsSegments.Count(new string('ж', length));

        Assert.Equal(new SmsSegmentCount(SmsEncoding.Ucs2, units, segments), count);
    }

    [Fact]
    public void Count_OneNonGsmCharacter_MakesTheWholeTextUcs2()
    {
        // 100 Latin letters would be one GSM-7 message; with one 'á' (not in GSM-7) all 101 go as UCS-2.
        var count = SmsSegments.Count(new string('a', 100) + "á");

        Assert.Equal(new SmsSegmentCount(SmsEncoding.Ucs2, 101, 2), count);
    }

    [Fact]
    public void Count_Emoji_TakesTwoUnits()
    {
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Ucs2, 2, 1), SmsSegments.Count(Emoji));
    }

    [Fact]
    public void Count_35Emoji_Is70UnitsInOneSegment()
    {
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Ucs2, 70, 1), SmsSegments.Count(string.Concat(Enumerable.Repeat(Emoji, 35))));
    }

    [Fact]
    public void Count_36Emoji_Is72UnitsInTwoSegments()
    {
        // 33 emoji (66 units) fill part 1 (a 34th would need 68 of 67), the other 3 go in part 2.
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Ucs2, 72, 2), SmsSegments.Count(string.Concat(Enumerable.Repeat(Emoji, 36))));
    }

    [Fact]
    public void Count_EmojiAtPartBoundary_IsNotSplit()
    {
        // 66 + 2 + 66 = 134 units would fill two parts of 67, but the surrogate pair cannot straddle them.
        var count = SmsSegments.Count(new string('ж', 66) + Emoji + new string('ж', 66));

        Assert.Equal(new SmsSegmentCount(SmsEncoding.Ucs2, 134, 3), count);
    }

    [Fact]
    public void Count_EmptyText_IsNoSegment()
    {
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, 0, 0), SmsSegments.Count(string.Empty));
    }

    [Theory]
    [InlineData(1, 160)]
    [InlineData(2, 306)]
    [InlineData(10, 1530)]
    public void MaxLength_Segments_IsTheGsm7Capacity(int segments, int expected)
    {
        Assert.Equal(expected, SmsSegments.MaxLength(segments));
    }

    [Theory]
    [InlineData("Hello, world!", true)]
    [InlineData("Price: 5€ [net]", true)]
    [InlineData("café á la carte", false)]
    [InlineData("Привет", false)]
    [InlineData("`backtick`", false)]
    public void IsGsm7_Text_TellsWhetherEveryCharacterIsInTheAlphabet(string text, bool expected)
    {
        Assert.Equal(expected, SmsSegments.IsGsm7(text));
    }
}
