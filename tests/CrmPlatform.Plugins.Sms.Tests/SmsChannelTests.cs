using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Plugins.Sms.Tests;

public sealed class SmsChannelTests : IAsyncLifetime
{
    private FakeSmsProvider _provider = null!;
    private PluginTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _provider = await FakeSmsProvider.StartAsync();
        _host = PluginTestHost.FromManifestFile<SmsPlugin>();
        _host.SetSettings(TestMessages.Settings(_provider.BaseUrl));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_ValidMessage_PostsTheFormWithBasicAuthAndReturnsTheSid()
    {
        var result = await SendAsync(TestMessages.Text("07400 123456", "Your order has shipped."));

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.Equal($"SM{1:D32}", result.ProviderMessageId);
        var request = Assert.Single(_provider.Requests);
        Assert.Equal(TestMessages.AccountSid, request.AccountSid);
        Assert.Equal($"{TestMessages.AccountSid}:{TestMessages.AuthToken}", request.Credentials);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["To"] = "+447400123456",
                ["From"] = TestMessages.From,
                ["Body"] = "Your order has shipped.",
                ["StatusCallback"] = "https://crm.example.com/channels/sms/inbound",
            },
            request.Form);
    }

    [Fact]
    public async Task SendAsync_MessagingServiceConfigured_SendsItInsteadOfFrom()
    {
        var settings = TestMessages.Settings(_provider.BaseUrl);
        settings.FromNumber = null;
        settings.MessagingServiceSid = "MG0123456789abcdef0123456789abcdef";
        settings.StatusCallbackUrl = null;
        _host.SetSettings(settings);

        var result = await SendAsync(TestMessages.Text("+12015550123", "Hi ✓"));

        Assert.Equal(SendStatus.Sent, result.Status);
        var form = Assert.Single(_provider.Requests).Form;
        Assert.Equal(["Body", "MessagingServiceSid", "To"], form.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("MG0123456789abcdef0123456789abcdef", form["MessagingServiceSid"]);
        Assert.Equal("Hi ✓", form["Body"]);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("call me")]
    [InlineData("+44 7400 1234567890")]
    public async Task SendAsync_InvalidRecipient_IsPermanentNamingTheNumberWithoutCallingTheProvider(string recipient)
    {
        var result = await SendAsync(TestMessages.Text(recipient, "Hello"));

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.Contains($"'{recipient}'", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_provider.Requests);
    }

    [Fact]
    public async Task SendAsync_TextOverMaxSegments_IsPermanentWithoutCallingTheProvider()
    {
        var settings = TestMessages.Settings(_provider.BaseUrl);
        settings.MaxSegments = 2;
        _host.SetSettings(settings);

        var fits = await SendAsync(TestMessages.Text("+447400123456", new string('a', 306)));
        var tooLong = await SendAsync(TestMessages.Text("+447400123456", new string('ж', 135)));

        Assert.Equal(SendStatus.Sent, fits.Status);
        Assert.Equal(SendStatus.PermanentFailure, tooLong.Status);
        Assert.Equal(
            "The SMS text needs 3 segments (135 Ucs2 units, 135 characters); at most 2 are allowed (maxSegments).",
            tooLong.Reason);
        Assert.Single(_provider.Requests);
    }

    [Fact]
    public async Task SendAsync_TextOfMaxLength_IsSentAndOneMoreCharacterIsRefused()
    {
        var settings = TestMessages.Settings(_provider.BaseUrl);
        settings.MaxSegments = 1;
        _host.SetSettings(settings);
        var maxLength = ChannelDescriptor().Capabilities.MaxLength!.Value;

        var atMax = await SendAsync(TestMessages.Text("+447400123456", new string('a', maxLength)));
        var overMax = await SendAsync(TestMessages.Text("+447400123456", new string('a', maxLength + 1)));

        Assert.Equal(160, maxLength);
        Assert.Equal(SendStatus.Sent, atMax.Status);
        Assert.Equal(SendStatus.PermanentFailure, overMax.Status);
    }

    [Fact]
    public async Task SendAsync_TemplateInsteadOfText_IsPermanent()
    {
        var result = await SendAsync(TestMessages.Text("+447400123456", null, template: "welcome"));

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.Contains("'welcome'", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_provider.Requests);
    }

    [Fact]
    public async Task SendAsync_NotConfigured_IsTransientNamingWhatIsMissing()
    {
        _host.SetSettingsJson("{}");

        var result = await SendAsync(TestMessages.Text("+447400123456", "Hello"));

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Contains("AccountSid", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptor_DefaultSettings_IsPlainTextToPhonesUpTo10Segments()
    {
        var descriptor = ChannelDescriptor();

        Assert.Equal("sms", descriptor.Name);
        Assert.Equal(ChannelAddressKind.Phone, descriptor.AddressKind);
        Assert.Equal(new ChannelCapabilities(false, false, 1530, null, false), descriptor.Capabilities);
    }

    private Task<SendResult> SendAsync(OutboundMessage message) =>
        _host.SendAsync("sms", message, TestContext.Current.CancellationToken);

    private ChannelDescriptor ChannelDescriptor()
    {
        using var scope = _host.Services.CreateScope();
        return scope.ServiceProvider.GetServices<IChannel>().Single().Descriptor;
    }
}
