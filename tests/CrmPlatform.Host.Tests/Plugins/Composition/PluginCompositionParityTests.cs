using System.ComponentModel.DataAnnotations;
using CrmPlatform.Sdk.Composition;
using CrmPlatform.Sdk.Testing;

namespace CrmPlatform.Host.Tests.Plugins.Composition;

/// <summary>
/// Every plugin of the repository composed twice, by the platform and by the test kit: the same
/// parts, jobs and settings schema, and the same verdicts on valid and invalid settings. Plugin
/// authors test with the kit; a plugin that passes there must behave the same on the platform.
/// </summary>
public sealed class PluginCompositionParityTests
{
    public static TheoryData<string> Projects => [.. ParityPlugins.Projects];

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task Compose_EveryPlugin_PlatformAndTestKitAgree(string project)
    {
        var folder = ParityPlugins.OutputOf(project);
        var inputs = ParityPlugins.InputsOf(project);

        var platform = await CompositionSides.PlatformAsync(folder, inputs);
        var kit = await CompositionSides.TestKitAsync(folder, inputs);

        Assert.Null(platform.Refusal);
        Assert.NotEmpty(platform.Parts.Concat(platform.Jobs));
        Assert.Empty(CompositionSnapshot.Differences(platform, kit));
    }

    [Fact]
    public async Task Compose_WebhookEndpointWithAnFtpUrl_IsRefusedOnBothSides()
    {
        var folder = ParityPlugins.OutputOf("plugins/CrmPlatform.Plugins.Webhooks");
        string[] inputs = [ParityPlugins.WebhookWithFtpUrl];

        var platform = await CompositionSides.PlatformAsync(folder, inputs);
        var kit = await CompositionSides.TestKitAsync(folder, inputs);

        Assert.Equal("1 errors", platform.Verdicts[ParityPlugins.WebhookWithFtpUrl]);
        Assert.Equal("1 errors", kit.Verdicts[ParityPlugins.WebhookWithFtpUrl]);
    }

    [Fact]
    public async Task Differences_TestKitValidatingOnlyTheTopLevel_AreDetected()
    {
        // The test kit as it was: Validator on the settings object alone, so an endpoint's own rules never ran.
        var folder = ParityPlugins.OutputOf("plugins/CrmPlatform.Plugins.Webhooks");
        var inputs = ParityPlugins.InputsOf("plugins/CrmPlatform.Plugins.Webhooks");
        var platform = await CompositionSides.PlatformAsync(folder, inputs);

        var drifted = await CompositionSides.TestKitAsync(folder, inputs, TopLevelOnly);

        var difference = Assert.Single(CompositionSnapshot.Differences(platform, drifted), d => d.Contains("ftp://", StringComparison.Ordinal));
        Assert.Contains("platform 1 errors, test kit ok", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Differences_APartOnOneSideOnly_AreDetected()
    {
        var platform = new CompositionSnapshot(null, ["IChannel: A", "IReport: B"], [], [], new Dictionary<string, string>());
        var kit = platform with { Parts = ["IChannel: A"] };

        Assert.Equal(["part only on the platform: IReport: B"], CompositionSnapshot.Differences(platform, kit));
    }

    private static int TopLevelOnly(PluginTestHost host, string input)
    {
        var errors = new List<SettingsError>();
        var settings = host.SettingsSchema!.Parse(input, errors);
        if (errors.Any(e => e.Malformed))
        {
            return errors.Count;
        }

        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true) ? 0 : results.Count;
    }
}
