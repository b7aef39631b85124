namespace CrmPlatform.TestPlugins.Channel;

/// <summary>What a test makes the channel do.</summary>
public sealed class TestChannelSettings
{
    /// <summary>Where the channel writes when <see cref="OutputDirectory"/> is not set: the tests read the same folder.</summary>
    public static string DefaultOutputDirectory { get; } = Path.Combine(Path.GetTempPath(), "crm-test-channel-output");

    /// <summary>The folder of the output file <c>{plugin id}.sends</c>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The first this many attempts at each message fail transiently.</summary>
    public int TransientFailures { get; init; }

    /// <summary>The shared secret a webhook request carries in <c>X-Test-Secret</c>.</summary>
    public string Secret { get; init; } = "test-secret";

    /// <summary>The folder the output goes to.</summary>
    public string OutputFolder => OutputDirectory ?? DefaultOutputDirectory;
}
