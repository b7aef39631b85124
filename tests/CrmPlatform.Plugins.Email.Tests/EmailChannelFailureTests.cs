using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;

namespace CrmPlatform.Plugins.Email.Tests;

/// <summary>Messages that fail before any SMTP server is contacted (the port is closed: a connection would fail differently).</summary>
public sealed class EmailChannelFailureTests : IAsyncDisposable
{
    private readonly PluginTestHost _host = PluginTestHost.FromManifestFile<EmailPlugin>();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task SendAsync_DefaultSettings_IsTransientNamingTheMissingSettings()
    {
        var result = await SendAsync(TestMessages.Templated());

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Contains("host", result.Reason);
        Assert.Contains("fromAddress", result.Reason);
    }

    [Fact]
    public async Task SendAsync_UnknownVariable_IsPermanentNamingThePlaceholder()
    {
        _host.SetSettings(TestMessages.Settings(SmtpTestServer.FreePort()));

        var result = await SendAsync(TestMessages.Templated(variables: new Dictionary<string, string>()));

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.Contains("{{var.offer}}", result.Reason);
    }

    [Fact]
    public async Task SendAsync_UnknownTemplate_IsPermanentListingTheTemplates()
    {
        _host.SetSettings(TestMessages.Settings(SmtpTestServer.FreePort()));

        var result = await SendAsync(TestMessages.Templated("farewell"));

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.Contains("'farewell'", result.Reason);
        Assert.Contains("'welcome'", result.Reason);
    }

    [Fact]
    public async Task SendAsync_RecipientNotAnEmailAddress_IsPermanent()
    {
        _host.SetSettings(TestMessages.Settings(SmtpTestServer.FreePort()));

        var result = await SendAsync(TestMessages.Templated(recipient: "+44 20 7946 0000"));

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.Contains("+44 20 7946 0000", result.Reason);
    }

    [Fact]
    public async Task SendAsync_NeitherTextNorTemplate_IsPermanent()
    {
        _host.SetSettings(TestMessages.Settings(SmtpTestServer.FreePort()));

        var result = await SendAsync(TestMessages.Templated() with { Template = null });

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
    }

    [Fact]
    public async Task SendAsync_NothingListening_IsTransient()
    {
        _host.SetSettings(TestMessages.Settings(SmtpTestServer.FreePort()));

        var result = await SendAsync(TestMessages.Templated());

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.StartsWith("Could not connect to the SMTP server 127.0.0.1:", result.Reason);
    }

    [Fact]
    public void Descriptor_IsEmailToTheEmailAddressWithRichText()
    {
        var descriptor = EmailChannel.EmailDescriptor;

        Assert.Equal("email", descriptor.Name);
        Assert.Equal(ChannelAddressKind.Email, descriptor.AddressKind);
        Assert.True(descriptor.Capabilities.RichText);
        Assert.False(descriptor.Capabilities.Attachments);
        Assert.Null(descriptor.Capabilities.MaxLength);
    }

    private Task<SendResult> SendAsync(OutboundMessage message) =>
        _host.SendAsync(EmailChannel.ChannelName, message, TestContext.Current.CancellationToken);
}
