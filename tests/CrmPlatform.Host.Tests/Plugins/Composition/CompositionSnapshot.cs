namespace CrmPlatform.Host.Tests.Plugins.Composition;

/// <summary>What one side (the platform or the test kit) made of a plugin: its parts, jobs, settings schema and verdicts on settings.</summary>
/// <param name="Refusal">Null when the plugin was composed; else that it was refused.</param>
/// <param name="Parts">One line per part: contract and implementation.</param>
/// <param name="Jobs">One line per scheduled job.</param>
/// <param name="Settings">The settings schema, one line per field (empty without settings).</param>
/// <param name="Verdicts">For each settings input, <c>ok</c> or the number of errors.</param>
internal sealed record CompositionSnapshot(
    string? Refusal,
    IReadOnlyList<string> Parts,
    IReadOnlyList<string> Jobs,
    IReadOnlyList<string> Settings,
    IReadOnlyDictionary<string, string> Verdicts)
{
    /// <summary>Every way <paramref name="kit"/> differs from <paramref name="platform"/>, for people; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(CompositionSnapshot platform, CompositionSnapshot kit)
    {
        var differences = new List<string>();
        if ((platform.Refusal is null) != (kit.Refusal is null))
        {
            differences.Add($"composition: platform {platform.Refusal ?? "composes"}, test kit {kit.Refusal ?? "composes"}");
            return differences;
        }

        Compare("part", platform.Parts, kit.Parts, differences);
        Compare("job", platform.Jobs, kit.Jobs, differences);
        Compare("settings field", platform.Settings, kit.Settings, differences);
        foreach (var (input, verdict) in platform.Verdicts)
        {
            var other = kit.Verdicts.GetValueOrDefault(input, "(not tried)");
            if (other != verdict)
            {
                differences.Add($"settings {input}: platform {verdict}, test kit {other}");
            }
        }

        return differences;
    }

    private static void Compare(string what, IReadOnlyList<string> platform, IReadOnlyList<string> kit, List<string> differences)
    {
        differences.AddRange(platform.Except(kit).Select(p => $"{what} only on the platform: {p}"));
        differences.AddRange(kit.Except(platform).Select(k => $"{what} only in the test kit: {k}"));
    }
}
