using System.Text;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;

namespace CrmPlatform.Plugins.Email.Tests;

public sealed class EmailInboundVerifyTests : IAsyncDisposable
{
    private const string Secret = "inbound-secret-0123456789";
    private static readonly byte[] Body = Encoding.ASCII.GetBytes("From: ada@example.com\r\nSubject: hi\r\n\r\nhello\r\n");
    private readonly PluginTestHost _host = PluginTestHost.FromManifestFile<EmailPlugin>();

    public EmailInboundVerifyTests() => _host.SetSettings(TestMessages.Settings(25));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task VerifyAsync_SecretHeaderMatches_IsGenuine()
    {
        var verification = await VerifyAsync(new Dictionary<string, string> { [EmailHeaders.InboundSecret] = Secret });

        Assert.True(verification.IsGenuine);
    }

    [Fact]
    public async Task VerifyAsync_SecretHeaderInOtherCase_IsGenuine()
    {
        var verification = await VerifyAsync(new Dictionary<string, string> { ["x-crm-inbound-secret"] = Secret });

        Assert.True(verification.IsGenuine);
    }

    [Fact]
    public async Task VerifyAsync_WrongSecret_IsRejected()
    {
        var verification = await VerifyAsync(new Dictionary<string, string> { [EmailHeaders.InboundSecret] = Secret + "x" });

        Assert.False(verification.IsGenuine);
        Assert.Contains(EmailHeaders.InboundSecret, verification.Reason);
    }

    [Fact]
    public async Task VerifyAsync_NoHeader_IsRejected()
    {
        var verification = await VerifyAsync(new Dictionary<string, string>());

        Assert.False(verification.IsGenuine);
    }

    [Fact]
    public async Task VerifyAsync_HmacSignatureOfTheBody_IsGenuine()
    {
        var verification = await VerifyAsync(new Dictionary<string, string> { [EmailHeaders.InboundSignature] = InboundAuthenticity.Sign(Secret, Body) });

        Assert.True(verification.IsGenuine);
    }

    [Fact]
    public async Task VerifyAsync_HmacSignatureOfAnotherBody_IsRejected()
    {
        var signature = InboundAuthenticity.Sign(Secret, Encoding.ASCII.GetBytes("something else"));

        var verification = await VerifyAsync(new Dictionary<string, string> { [EmailHeaders.InboundSignature] = signature });

        Assert.False(verification.IsGenuine);
        Assert.Contains(EmailHeaders.InboundSignature, verification.Reason);
    }

    [Fact]
    public async Task VerifyAsync_HmacWithTheWrongKey_IsRejected()
    {
        var verification = await VerifyAsync(new Dictionary<string, string> { [EmailHeaders.InboundSignature] = InboundAuthenticity.Sign("another-secret-0123456", Body) });

        Assert.False(verification.IsGenuine);
    }

    [Fact]
    public async Task VerifyAsync_NoSecretConfigured_RejectsEvenAnEmptyHeader()
    {
        var settings = TestMessages.Settings(25);
        settings.InboundSecret = "";
        _host.SetSettings(settings);

        var verification = await VerifyAsync(new Dictionary<string, string> { [EmailHeaders.InboundSecret] = "" });

        Assert.False(verification.IsGenuine);
        Assert.Contains("No inbound secret", verification.Reason);
    }

    private Task<InboundVerification> VerifyAsync(Dictionary<string, string> headers) =>
        _host.VerifyInboundAsync(EmailChannel.ChannelName, InboundRequests.Raw(Body, headers), TestContext.Current.CancellationToken);
}
