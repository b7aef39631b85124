using System.ComponentModel.DataAnnotations;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.TestPlugins.Probe;

/// <summary>What a test makes the probe do.</summary>
public sealed class ProbeSettings
{
    /// <summary>Where the probe writes when <see cref="OutputDirectory"/> is not set: the tests read the same folder.</summary>
    public static string DefaultOutputDirectory { get; } = Path.Combine(Path.GetTempPath(), "crm-probe-output");

    /// <summary>The folder of the output files, named after the plugin id: <c>{id}.events</c>, <c>{id}.hooks</c>, <c>{id}.jobs</c>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Customers whose events the handlers fail (after recording the attempt).</summary>
    public IReadOnlyList<string> FailCustomers { get; init; } = [];

    /// <summary>
    /// How the handlers behave: <c>normal</c>; <c>throw</c> (every event fails); <c>hang</c> (awaits,
    /// ignoring the cancellation token, until the mode changes or <see cref="MaxStallSeconds"/> pass);
    /// <c>spin</c> (a busy loop on its thread, ignoring the token, with the same way out).
    /// </summary>
    [RegularExpression("^(normal|throw|hang|spin)$")]
    public string Mode { get; init; } = "normal";

    /// <summary>The hook vetoes orders above this amount; null: no limit.</summary>
    [Range(typeof(decimal), "0", "1000000000000")]
    public decimal? VetoAbove { get; init; }

    /// <summary>How the hook behaves: <c>normal</c>, <c>throw</c>, or <c>hang</c> (as <see cref="Mode"/> <c>hang</c>).</summary>
    [RegularExpression("^(normal|throw|hang)$")]
    public string HookMode { get; init; } = "normal";

    /// <summary>True: a failing or overrunning hook refuses the command (<c>HookFailure.Veto</c>).</summary>
    public bool HookFailsClosed { get; init; }

    /// <summary>A tag the hook adds to every order it lets through; null: none.</summary>
    public string? EnrichTag { get; init; }

    /// <summary>A secret the platform must never return or log.</summary>
    [Secret]
    public string? ApiToken { get; init; }

    /// <summary>The longest a hang or spin lasts, so an abandoned call ends by itself.</summary>
    [Range(1, 600)]
    public int MaxStallSeconds { get; init; } = 60;

    /// <summary>The folder the output goes to.</summary>
    public string OutputFolder => OutputDirectory ?? DefaultOutputDirectory;
}
