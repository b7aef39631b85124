using System.Net;
using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>Settings through the API: validated against the plugin's type, secrets masked on the way out, kept when sent back masked, and never logged.</summary>
public sealed class PluginSettingsTests
{
    private const string Secret = "s3cr3t-token-8b1f0c";

    [Fact]
    public async Task Settings_WithSecret_AreMaskedKeptWhenSentBackMaskedAndNeverLogged()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("settings");
        await runtime.InstallProbeAsync(id);
        var defaults = await runtime.GetAsync($"api/plugins/{id}/settings");

        await runtime.PutSettingsAsync(id, new { apiToken = Secret, enrichTag = "first" });
        var masked = await runtime.GetAsync($"api/plugins/{id}/settings");
        await runtime.PutSettingsAsync(id, new { apiToken = "********", enrichTag = "second", vetoAbove = 99.5m });
        var afterMaskedPut = await runtime.GetAsync($"api/plugins/{id}/settings");
        var stored = await runtime.Host.GetService<IPluginCatalogStore>().FindAsync(id, TestContext.Current.CancellationToken);
        var invalid = await runtime.Admin.PutJsonAsync($"api/plugins/{id}/settings", Http.Json(new { apiToken = Secret, mode = "explode" }));
        var invalidText = await invalid.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var plugin = await runtime.GetAsync($"api/plugins/{id}");

        Assert.Equal(("normal", 60), (defaults.GetProperty("mode").GetString(), defaults.GetProperty("maxStallSeconds").GetInt32()));
        Assert.Equal(("********", "first"), (masked.GetProperty("apiToken").GetString(), masked.GetProperty("enrichTag").GetString()));
        Assert.Equal(("********", "second", 99.5m), (afterMaskedPut.GetProperty("apiToken").GetString(), afterMaskedPut.GetProperty("enrichTag").GetString(), afterMaskedPut.GetProperty("vetoAbove").GetDecimal()));
        Assert.Contains(Secret, stored!.SettingsJson);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.DoesNotContain(Secret, invalidText);
        Assert.DoesNotContain(Secret, masked.GetRawText() + afterMaskedPut.GetRawText() + plugin.GetRawText());
        Assert.Contains(stored.SettingsJson, (await runtime.Host.GetService<IPluginCatalogStore>().FindAsync(id, TestContext.Current.CancellationToken))!.SettingsJson);
        Assert.NotEmpty(runtime.Logs.Entries);
        Assert.DoesNotContain(runtime.Logs.Entries, e => e.Contains(Secret, StringComparison.Ordinal));
    }

    public static TheoryData<string, string> InvalidSettings { get; } = new()
    {
        { """{ "mode": "explode" }""", "mode" },
        { """{ "hookMode": "sometimes" }""", "hookMode" },
        { """{ "maxStallSeconds": 0 }""", "maxStallSeconds" },
        { """{ "vetoAbove": -1 }""", "vetoAbove" },
        { """{ "vetoAbove": "lots" }""", "vetoAbove" },
        { """{ "noSuchSetting": true }""", "noSuchSetting" },
        { """[ 1, 2 ]""", "settings" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task PutSettings_Invalid_Is400NamingTheFieldAndKeepsTheOldSettings(string json, string field)
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("bad-settings");
        await runtime.InstallProbeAsync(id, new { enrichTag = "kept" });

        var response = await runtime.Admin.PutJsonAsync($"api/plugins/{id}/settings", json);

        await response.ExpectInvalidAsync(field);
        Assert.Equal("kept", (await runtime.GetAsync($"api/plugins/{id}/settings")).GetProperty("enrichTag").GetString());
    }

    [Fact]
    public async Task Settings_OfUnknownPlugin_Are404()
    {
        await using var runtime = await RuntimeHost.StartAsync();

        await (await runtime.Admin.GetRouteAsync("api/plugins/probe-nobody/settings")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await runtime.Admin.PutJsonAsync("api/plugins/probe-nobody/settings", "{}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
