namespace CrmPlatform.Plugins.Sms.Tests;

public sealed class TwilioSignatureTests
{
    /// <summary>An SMS webhook and its signature as published in the provider's own SDK tests.</summary>
    internal static readonly Dictionary<string, string> PublishedParameters = new()
    {
        ["ToState"] = "CA",
        ["FromState"] = "CA",
        ["AccountSid"] = "ACba8bc05eacf94afdae398e642c9cc32d",
        ["SmsMessageSid"] = "SM2003cbd5e6a3701999aa3e5f20ff2787",
        ["Body"] = "Orly",
        ["From"] = "+14159354345",
        ["FromCity"] = "SAN FRANCISCO",
        ["SmsStatus"] = "received",
        ["FromZip"] = "94107",
        ["FromCountry"] = "US",
        ["To"] = "+14158141819",
        ["ToCity"] = "SAN FRANCISCO",
        ["ToZip"] = "94105",
        ["ToCountry"] = "US",
        ["ApiVersion"] = "2010-04-01",
        ["SmsSid"] = "SM2003cbd5e6a3701999aa3e5f20ff2787",
    };

    internal const string PublishedToken = "2bd9e9638872de601313dc77410d3b23";
    internal const string PublishedUrl = "http://twiliotests.heroku.com/validate/sms";
    internal const string PublishedSignature = "mxeiv65lEe0b8L6LdVw2jgJi8yw=";

    [Fact]
    public void Compute_ThePublishedSmsRequest_GivesThePublishedSignature()
    {
        Assert.Equal(PublishedSignature, TwilioSignature.Compute(PublishedToken, PublishedUrl, PublishedParameters));
    }

    [Fact]
    public void Verify_ParametersInAnyOrder_IsTrue()
    {
        var reversed = PublishedParameters.Reverse().ToList();

        Assert.True(TwilioSignature.Verify(PublishedToken, PublishedUrl, reversed, PublishedSignature));
    }

    [Fact]
    public void Verify_ChangedParameter_IsFalse()
    {
        var changed = new Dictionary<string, string>(PublishedParameters) { ["Body"] = "Orly?" };

        Assert.False(TwilioSignature.Verify(PublishedToken, PublishedUrl, changed, PublishedSignature));
    }

    [Fact]
    public void Verify_OtherUrl_IsFalse()
    {
        Assert.False(TwilioSignature.Verify(PublishedToken, "https://twiliotests.heroku.com/validate/sms", PublishedParameters, PublishedSignature));
    }

    [Fact]
    public void Verify_OtherToken_IsFalse()
    {
        Assert.False(TwilioSignature.Verify("0" + PublishedToken[1..], PublishedUrl, PublishedParameters, PublishedSignature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64")]
    public void Verify_MissingOrGarbledSignature_IsFalse(string? signature)
    {
        Assert.False(TwilioSignature.Verify(PublishedToken, PublishedUrl, PublishedParameters, signature));
    }
}
