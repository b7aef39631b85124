namespace CrmPlatform.Plugins.Sms.Tests;

public sealed class SmsPhoneNumbersTests
{
    [Theory]
    [InlineData("07400 123456", "GB", "+447400123456")]
    [InlineData("+44 7400 123456", "US", "+447400123456")]
    [InlineData("0044 7400-123-456", "GB", "+447400123456")]
    [InlineData("(201) 555-0123", "US", "+12015550123")]
    [InlineData("+1 201 555 0123", "GB", "+12015550123")]
    public void ToE164_ValidNumber_IsNormalised(string number, string region, string expected)
    {
        Assert.Equal(expected, SmsPhoneNumbers.ToE164(number, region));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("not a number")]
    [InlineData("+44 7400 1234564567")]
    [InlineData("")]
    [InlineData(null)]
    public void ToE164_InvalidNumber_IsNull(string? number)
    {
        Assert.Null(SmsPhoneNumbers.ToE164(number, "GB"));
    }
}
