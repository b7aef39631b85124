using CrmPlatform.Sdk.Settings;
using CrmPlatform.Sdk.Testing;
using CrmPlatform.Sdk.Tests.Testing.Plugins.Caller;
using CrmPlatform.Sdk.Tests.Testing.Plugins.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Sdk.Tests.Testing;

public sealed partial class PluginTestHostTests
{
    [Fact]
    public async Task Settings_NeverSet_AreTheDefaults()
    {
        await using var host = PluginTestHost.Create<SettingsPlugin>(SettingsPlugin.Manifest, OwnNamespace);

        var settings = host.Services.GetRequiredService<IPluginSettings<ThrottleSettings>>().Current;

        Assert.Equal((10, "eu"), (settings.Rate, settings.Region));
    }

    [Fact]
    public async Task SetSettingsJson_ValidJson_ReplacesCurrentWithANewInstance()
    {
        await using var host = PluginTestHost.Create<SettingsPlugin>(SettingsPlugin.Manifest, OwnNamespace);
        var settings = host.Services.GetRequiredService<IPluginSettings<ThrottleSettings>>();
        var before = settings.Current;

        host.SetSettingsJson("""{ "rate": 50 }""");

        Assert.Equal((50, "eu"), (settings.Current.Rate, settings.Current.Region));
        Assert.Equal(10, before.Rate);
    }

    [Fact]
    public async Task SetSettingsJson_UnknownMember_IsRefused()
    {
        await using var host = PluginTestHost.Create<SettingsPlugin>(SettingsPlugin.Manifest, OwnNamespace);

        var error = Assert.Throws<InvalidPluginSettingsException>(() => host.SetSettingsJson("""{ "rate": 5, "burst": 9 }"""));

        Assert.Contains("burst", error.Message);
    }

    [Fact]
    public async Task SetSettingsJson_EveryInvalidProperty_IsReported()
    {
        await using var host = PluginTestHost.Create<SettingsPlugin>(SettingsPlugin.Manifest, OwnNamespace);

        var error = Assert.Throws<InvalidPluginSettingsException>(() => host.SetSettingsJson("""{ "rate": 0, "region": "europe" }"""));

        Assert.Equal(2, error.Errors.Count);
        Assert.StartsWith("Rate:", error.Errors[0]);
        Assert.StartsWith("Region:", error.Errors[1]);
        Assert.Equal(10, host.Services.GetRequiredService<IPluginSettings<ThrottleSettings>>().Current.Rate);
    }

    [Fact]
    public async Task SetSettings_InvalidObject_IsRefusedLikeJson()
    {
        await using var host = PluginTestHost.Create<SettingsPlugin>(SettingsPlugin.Manifest, OwnNamespace);

        var error = Assert.Throws<InvalidPluginSettingsException>(() => host.SetSettings(new ThrottleSettings { Region = null! }));

        Assert.StartsWith("Region:", Assert.Single(error.Errors));
    }

    [Fact]
    public async Task SetSettings_PluginWithoutSettings_Throws()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(), OwnNamespace);

        var error = Assert.Throws<InvalidOperationException>(() => host.SetSettings(new ThrottleSettings()));

        Assert.Contains("UseSettings", error.Message);
    }
}
