namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>What a probe plugin wrote: <c>{id}.events</c>, <c>{id}.hooks</c> and <c>{id}.jobs</c> in its output folder.</summary>
internal sealed class ProbeOutput(string pluginId)
{
    /// <summary>The probe's default output folder (ProbeSettings.DefaultOutputDirectory; the tests do not reference the probe).</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "crm-probe-output");

    public string PluginId { get; } = pluginId;

    /// <summary>Every delivery recorded so far, in the order they were written.</summary>
    public IReadOnlyList<ProbeLine> Events() => [.. Lines("events").Select(ProbeLine.Parse)];

    /// <summary>The successful deliveries.</summary>
    public IReadOnlyList<ProbeLine> Handled() => [.. Events().Where(l => l.Succeeded)];

    public IReadOnlyList<string> Hooks() => Lines("hooks");

    public IReadOnlyList<string> Jobs() => Lines("jobs");

    public void Delete()
    {
        foreach (var kind in new[] { "events", "hooks", "jobs" })
        {
            File.Delete(PathOf(kind));
        }
    }

    private string PathOf(string kind) => Path.Combine(Folder, $"{PluginId}.{kind}");

    private string[] Lines(string kind)
    {
        var path = PathOf(kind);
        if (!File.Exists(path))
        {
            return [];
        }

        // The probe appends concurrently: read what is there, and drop a last line still being written.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var complete = text.LastIndexOf('\n') is var end and >= 0 ? text[..end] : string.Empty;
        return complete.Length == 0 ? [] : complete.Split('\n');
    }
}
