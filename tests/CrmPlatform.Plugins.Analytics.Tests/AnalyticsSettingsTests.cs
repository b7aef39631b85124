using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using static CrmPlatform.Plugins.Analytics.Tests.AnalyticsTestHost;

namespace CrmPlatform.Plugins.Analytics.Tests;

public sealed class AnalyticsSettingsTests
{
    [Fact]
    public async Task SetSettingsJson_CutoffsOutOfOrder_RefusedNamingTheField()
    {
        await using var host = Create(new FakeTimeProvider(Start));

        var refused = Assert.Throws<InvalidPluginSettingsException>(() => host.SetSettingsJson("""{"vipCutoff":0.9,"keyCutoff":0.8}"""));

        Assert.Contains(refused.Errors, e => e.Contains("keyCutoff", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SetSettingsJson_ThresholdOutOfRange_Refused()
    {
        await using var host = Create(new FakeTimeProvider(Start));

        var refused = Assert.Throws<InvalidPluginSettingsException>(() => host.SetSettingsJson("""{"churnRiskThreshold":1.5}"""));

        Assert.Contains(refused.Errors, e => e.Contains("churnRiskThreshold", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void PluginFolder_HoldsTheManifestAndModelLibrariesButNotTheSdk()
    {
        var folder = Path.GetDirectoryName(typeof(AnalyticsPlugin).Assembly.Location)!;
        var files = Directory.GetFiles(Path.Combine(folder, "..", "..", "..", "..", "..", "plugins", "CrmPlatform.Plugins.Analytics", "bin"), "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName).ToHashSet();

        Assert.Contains("plugin.json", files);
        Assert.Contains("Microsoft.ML.FastTree.dll", files);
        Assert.DoesNotContain("CrmPlatform.Sdk.dll", files);
    }
}
