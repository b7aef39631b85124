using CrmPlatform.Sdk.Settings;
using CrmPlatform.Sdk.Testing;

namespace CrmPlatform.Plugins.Email.Tests;

/// <summary>Settings as an administrator sets them through the API: JSON, validated before they are stored.</summary>
public sealed class EmailSettingsTests : IAsyncDisposable
{
    private readonly PluginTestHost _host = PluginTestHost.FromManifestFile<EmailPlugin>();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public void SetSettingsJson_EmptyObject_IsValidButNotConfigured()
    {
        _host.SetSettingsJson("{}");

        Assert.False(Current().IsConfigured);
        Assert.Equal(SmtpSecurity.Auto, Current().Security);
        Assert.Equal(587, Current().Port);
    }

    [Fact]
    public void SetSettingsJson_FullSettings_AreReadWithEnumsByName()
    {
        _host.SetSettingsJson("""
            {"host":"smtp.example.com","port":465,"security":"sslOnConnect","userName":"crm","password":"pw",
             "fromAddress":"crm@shop.example","fromName":"Shop","unsubscribeUrl":"https://shop.example/u/{customerId}",
             "templates":[{"name":"welcome","subject":"Hi {{firstName}}","htmlBody":"<p>{{var.x}}</p>"}],
             "inboundSecret":"0123456789abcdef"}
            """);

        var settings = Current();
        Assert.Equal(SmtpSecurity.SslOnConnect, settings.Security);
        Assert.True(settings.IsConfigured);
        Assert.Equal("Hi {{firstName}}", settings.FindTemplate("WELCOME")!.Subject);
    }

    [Theory]
    [InlineData("""{"fromAddress":"not an address"}""", "FromAddress")]
    [InlineData("""{"fromAddress":"Shop <crm@shop.example>"}""", "FromAddress")]
    [InlineData("""{"port":0}""", "Port")]
    [InlineData("""{"unsubscribeUrl":"http://shop.example/u"}""", "UnsubscribeUrl")]
    [InlineData("""{"unsubscribeMailto":"mailto:unsubscribe@shop.example"}""", "UnsubscribeMailto")]
    [InlineData("""{"messageIdDomain":"not a domain"}""", "MessageIdDomain")]
    [InlineData("""{"inboundSecret":"short"}""", "InboundSecret")]
    [InlineData("""{"password":"pw"}""", "UserName")]
    [InlineData("""{"maxInboundBytes":100}""", "MaxInboundBytes")]
    [InlineData("""{"templates":[{"name":"a","subject":"s","textBody":"t"},{"name":"A","subject":"s","textBody":"t"}]}""", "Templates[1].Name")]
    public void SetSettingsJson_WrongField_IsRefusedNamingIt(string json, string field)
    {
        var exception = Assert.Throws<InvalidPluginSettingsException>(() => _host.SetSettingsJson(json));

        Assert.Contains(exception.Errors, e => e.StartsWith(field + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void SetSettingsJson_UnknownSecurity_IsRefused()
    {
        Assert.Throws<InvalidPluginSettingsException>(() => _host.SetSettingsJson("""{"security":"ssl3"}"""));
    }

    [Fact]
    public void SecretAttribute_OnSettings_MarksThePasswordAndTheInboundSecret()
    {
        var secrets = typeof(EmailSettings).GetProperties()
            .Where(p => p.IsDefined(typeof(SecretAttribute), inherit: true))
            .Select(p => p.Name);

        Assert.Equal([nameof(EmailSettings.Password), nameof(EmailSettings.InboundSecret)], secrets);
    }

    private EmailSettings Current() =>
        ((IPluginSettings<EmailSettings>)_host.Services.GetService(typeof(IPluginSettings<EmailSettings>))!).Current;
}
