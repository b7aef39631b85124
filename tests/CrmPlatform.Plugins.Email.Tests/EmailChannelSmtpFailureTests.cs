using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Plugins.Email.Tests;

/// <summary>What a real SMTP server (aiosmtpd) refuses, and the server going away and coming back.</summary>
public sealed class EmailChannelSmtpFailureTests : IAsyncLifetime
{
    private SmtpTestServer _server = null!;
    private PluginTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await SmtpTestServer.StartAsync();
        _host = PluginTestHost.FromManifestFile<EmailPlugin>(options: new PluginTestHostOptions { TimeProvider = new FakeTimeProvider(TestMessages.Now) });
        _host.SetSettings(TestMessages.Settings(_server.Port));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_RecipientRefusedWith550_IsPermanentAndNothingIsStored()
    {
        var result = await SendAsync(TestMessages.Templated(recipient: "reject.me@example.com"));

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.Contains("550", result.Reason);
        Assert.Contains("reject.me@example.com", result.Reason);
        Assert.Empty(_server.Messages());
    }

    [Fact]
    public async Task SendAsync_RecipientRefusedWith452_IsTransient()
    {
        var result = await SendAsync(TestMessages.Templated(recipient: "busy@example.com"));

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Contains("452", result.Reason);
        Assert.Empty(_server.Messages());
    }

    [Fact]
    public async Task SendAsync_ServerDown_IsTransientThenTheRetryIsSentOnceWithTheSameMessageId()
    {
        await _server.StopAsync();

        var first = await SendAsync(TestMessages.Templated(messageId: "msg-retry", attempt: 1));

        Assert.Equal(SendStatus.TransientFailure, first.Status);
        Assert.Contains($"127.0.0.1:{_server.Port}", first.Reason);

        await _server.RestartAsync();
        var second = await SendAsync(TestMessages.Templated(messageId: "msg-retry", attempt: 2));

        Assert.Equal(SendStatus.Sent, second.Status);
        var mail = Assert.Single(_server.Messages());
        Assert.Equal("msg-retry@mail.shop.example", mail.MessageId);
        Assert.Equal(mail.MessageId, second.ProviderMessageId);
    }

    [Fact]
    public async Task SendAsync_UserNameButServerWithoutAuth_IsTransientAndSaysSo()
    {
        var settings = TestMessages.Settings(_server.Port);
        settings.UserName = "crm";
        settings.Password = "wrong";
        _host.SetSettings(settings);

        var result = await SendAsync(TestMessages.Templated());

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Contains("authentication", result.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_server.Messages());
    }

    [Fact]
    public async Task SendAsync_StartTlsRequiredButNotOffered_IsTransient()
    {
        var settings = TestMessages.Settings(_server.Port);
        settings.Security = SmtpSecurity.StartTls;
        _host.SetSettings(settings);

        var result = await SendAsync(TestMessages.Templated());

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Contains("STARTTLS", result.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_server.Messages());
    }

    private Task<SendResult> SendAsync(OutboundMessage message) =>
        _host.SendAsync(EmailChannel.ChannelName, message, TestContext.Current.CancellationToken);
}
