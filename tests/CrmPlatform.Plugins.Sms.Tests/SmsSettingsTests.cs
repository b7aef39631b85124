using CrmPlatform.Sdk.Settings;
using CrmPlatform.Sdk.Testing;

namespace CrmPlatform.Plugins.Sms.Tests;

public sealed class SmsSettingsTests : IAsyncLifetime
{
    private readonly PluginTestHost _host = PluginTestHost.FromManifestFile<SmsPlugin>();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public void SetSettingsJson_Empty_IsValidWithTheDefaults()
    {
        _host.SetSettingsJson("{}");

        var settings = Current();
        Assert.Equal("https://api.twilio.com", settings.BaseUrl);
        Assert.Equal("US", settings.DefaultRegion);
        Assert.Equal(10, settings.MaxSegments);
        Assert.Null(settings.AuthToken);
    }

    [Fact]
    public void SetSettingsJson_Complete_IsAccepted()
    {
        _host.SetSettingsJson("""
            {"baseUrl":"https://sms.example.com","accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"t",
             "fromNumber":"+12015550100","statusCallbackUrl":"https://crm.example.com/channels/sms/inbound",
             "defaultRegion":"GB","helpReply":"Help","stopReply":"Bye","startReply":"Hi","maxSegments":3,"timeoutSeconds":5}
            """);

        Assert.Equal(3, Current().MaxSegments);
        Assert.Equal("GB", Current().DefaultRegion);
    }

    [Theory]
    [InlineData("""{"fromNumber":"+12015550100","messagingServiceSid":"MG0123456789abcdef0123456789abcdef"}""", "FromNumber")]
    [InlineData("""{"fromNumber":"2015550100"}""", "FromNumber")]
    [InlineData("""{"messagingServiceSid":"MS123"}""", "MessagingServiceSid")]
    [InlineData("""{"defaultRegion":"ZZ"}""", "DefaultRegion")]
    [InlineData("""{"defaultRegion":"gb"}""", "DefaultRegion")]
    [InlineData("""{"maxSegments":0}""", "MaxSegments")]
    [InlineData("""{"maxSegments":11}""", "MaxSegments")]
    [InlineData("""{"baseUrl":"not a url"}""", "BaseUrl")]
    [InlineData("""{"statusCallbackUrl":"callback"}""", "StatusCallbackUrl")]
    [InlineData("""{"accountSid":"AC 123"}""", "AccountSid")]
    public void SetSettingsJson_Invalid_IsRefusedNamingTheField(string json, string field)
    {
        var exception = Assert.Throws<InvalidPluginSettingsException>(() => _host.SetSettingsJson(json));

        Assert.Contains(exception.Errors, e => e.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public void AuthToken_IsMarkedSecret()
    {
        var property = typeof(SmsSettings).GetProperty(nameof(SmsSettings.AuthToken))!;

        Assert.NotNull(Attribute.GetCustomAttribute(property, typeof(SecretAttribute)));
    }

    private SmsSettings Current() =>
        ((IPluginSettings<SmsSettings>)_host.Services.GetService(typeof(IPluginSettings<SmsSettings>))!).Current;
}
