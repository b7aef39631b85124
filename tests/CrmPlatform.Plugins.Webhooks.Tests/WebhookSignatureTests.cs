namespace CrmPlatform.Plugins.Webhooks.Tests;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec-0123456789abcdef";
    private const string Body = """{"id":"1","data":{}}""";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_740_830_400);
    private static readonly TimeSpan Tolerance = WebhookSignature.DefaultTolerance;

    [Fact]
    public void Compute_KnownInput_MatchesOpenSsl()
    {
        // { printf '%s.' 1740830400; printf '%s' '{"id":"1","data":{}}'; } | openssl dgst -sha256 -hmac 'whsec-0123456789abcdef' -r
        const string expected = "v1=6fb6e6e8272f328cffd979b38bf3bd2b1f379c77732f64d9e4753b3c72f4d403";

        Assert.Equal(expected, WebhookSignature.Compute(Secret, 1_740_830_400, Body));
        Assert.Equal(expected, WebhookSignature.Compute(Secret, 1_740_830_400, """{"id":"1","data":{}}"""u8));
    }

    [Fact]
    public void Verify_SignatureOfTheBody_IsTrue()
    {
        var signature = WebhookSignature.Compute(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.True(WebhookSignature.Verify(Secret, "1740830400", signature, Body, Now, Tolerance));
    }

    [Fact]
    public void Verify_WrongSecretOrTamperedBody_IsFalse()
    {
        var signature = WebhookSignature.Compute(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.False(WebhookSignature.Verify("whsec-fedcba9876543210", "1740830400", signature, Body, Now, Tolerance));
        Assert.False(WebhookSignature.Verify(Secret, "1740830400", signature, Body + " ", Now, Tolerance));
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void Verify_TimestampFarFromNow_IsFalse(int skewSeconds, bool expected)
    {
        var timestamp = Now.ToUnixTimeSeconds() + skewSeconds;
        var signature = WebhookSignature.Compute(Secret, timestamp, Body);

        Assert.Equal(expected, WebhookSignature.Verify(Secret, timestamp.ToString(), signature, Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=")]
    [InlineData("v1=zz")]
    [InlineData("v0=00")]
    [InlineData("nonsense")]
    public void Verify_MalformedSignature_IsFalse(string? signature)
    {
        Assert.False(WebhookSignature.Verify(Secret, "1740830400", signature, Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1740830400")]
    [InlineData("1740830400.5")]
    [InlineData("soon")]
    public void Verify_MalformedTimestamp_IsFalse(string? timestamp)
    {
        var signature = WebhookSignature.Compute(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.False(WebhookSignature.Verify(Secret, timestamp, signature, Body, Now, Tolerance));
    }

    [Fact]
    public void Verify_SeveralSignaturesOneValid_IsTrue()
    {
        var old = WebhookSignature.Compute("whsec-old-secret-value", Now.ToUnixTimeSeconds(), Body);
        var current = WebhookSignature.Compute(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.True(WebhookSignature.Verify(Secret, "1740830400", $"{old}, {current}", Body, Now, Tolerance));
    }

    [Fact]
    public void Verify_UpperCaseHex_IsTrue()
    {
        var signature = WebhookSignature.Compute(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.True(WebhookSignature.Verify(Secret, "1740830400", "v1=" + signature[3..].ToUpperInvariant(), Body, Now, Tolerance));
    }
}
