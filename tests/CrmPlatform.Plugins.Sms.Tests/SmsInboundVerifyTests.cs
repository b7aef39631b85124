using System.Text;
using CrmPlatform.Sdk.Testing;

namespace CrmPlatform.Plugins.Sms.Tests;

public sealed class SmsInboundVerifyTests : IAsyncLifetime
{
    private readonly PluginTestHost _host = PluginTestHost.FromManifestFile<SmsPlugin>();

    public ValueTask InitializeAsync()
    {
        _host.SetSettings(TestMessages.Settings("https://api.twilio.com"));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task VerifyInboundAsync_GenuineMessage_IsGenuine()
    {
        var verification = await VerifyAsync(SignedWebhook.Create(SignedWebhook.Message("Hello & thanks: 100% 😀")));

        Assert.True(verification.IsGenuine, verification.Reason);
    }

    [Fact]
    public async Task VerifyInboundAsync_ThePublishedProviderRequest_IsGenuine()
    {
        var settings = TestMessages.Settings("https://api.twilio.com");
        settings.AuthToken = TwilioSignatureTests.PublishedToken;
        _host.SetSettings(settings);
        var body = string.Join("&", TwilioSignatureTests.PublishedParameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value).Replace("%20", "+", StringComparison.Ordinal)}"));

        var verification = await VerifyAsync(SignedWebhook.Request(new Uri(TwilioSignatureTests.PublishedUrl), body, TwilioSignatureTests.PublishedSignature));

        Assert.True(verification.IsGenuine, verification.Reason);
    }

    [Fact]
    public async Task VerifyInboundAsync_SignedWithAnotherToken_IsRejected()
    {
        var verification = await VerifyAsync(SignedWebhook.Create(SignedWebhook.Message("STOP"), authToken: "someone-elses-token"));

        Assert.False(verification.IsGenuine);
        Assert.Contains("does not match", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyInboundAsync_BodyChangedAfterSigning_IsRejected()
    {
        var genuine = SignedWebhook.Create(SignedWebhook.Message("START"));
        var forged = genuine with { Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(genuine.Body.Span).Replace("START", "STOP", StringComparison.Ordinal)) };

        Assert.True((await VerifyAsync(genuine)).IsGenuine);
        Assert.False((await VerifyAsync(forged)).IsGenuine);
    }

    [Fact]
    public async Task VerifyInboundAsync_SignedForAnotherUrl_IsRejected()
    {
        var signedElsewhere = SignedWebhook.Create(SignedWebhook.Message("STOP"), url: new Uri("https://attacker.example.com/channels/sms/inbound"));

        var verification = await VerifyAsync(signedElsewhere with { Url = SignedWebhook.Url });

        Assert.False(verification.IsGenuine);
    }

    [Fact]
    public async Task VerifyInboundAsync_NoSignatureHeader_IsRejected()
    {
        var verification = await VerifyAsync(SignedWebhook.Request(SignedWebhook.Url, "Body=STOP", signature: null));

        Assert.False(verification.IsGenuine);
        Assert.Contains("X-Twilio-Signature", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyInboundAsync_NoAuthTokenConfigured_IsRejected()
    {
        var request = SignedWebhook.Create(SignedWebhook.Message("Hello"));
        _host.SetSettingsJson("{}");

        var verification = await VerifyAsync(request);

        Assert.False(verification.IsGenuine);
        Assert.Contains("auth token", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyInboundAsync_SignedWithTheDefaultPortWrittenOut_IsGenuine()
    {
        var form = SignedWebhook.Message("Hello");
        var signedWithPort = SignedWebhook.Create(form, url: new Uri("https://crm.example.com:443/channels/sms/inbound"));

        var verification = await VerifyAsync(signedWithPort with { Url = SignedWebhook.Url });

        Assert.True(verification.IsGenuine, verification.Reason);
    }

    private Task<Sdk.Channels.InboundVerification> VerifyAsync(Sdk.Channels.InboundRequest request) =>
        _host.VerifyInboundAsync("sms", request, TestContext.Current.CancellationToken);
}
