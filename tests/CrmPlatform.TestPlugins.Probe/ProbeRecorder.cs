using System.Globalization;
using System.Text;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.Settings;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.TestPlugins.Probe;

/// <summary>
/// Does what every part of the probe shares: reads the settings, stalls when told to, and appends
/// one tab-separated <c>key=value</c> line per call to the plugin's output files (plain text, no
/// serializer: nothing of the plugin may end up in a process-wide cache).
/// </summary>
internal sealed class ProbeRecorder(IPluginSettings<ProbeSettings> settings, PluginManifest manifest, IPluginState state, TimeProvider time)
{
    private readonly Lock _gate = new();

    public ProbeSettings Settings => settings.Current;

    /// <summary>Handles one delivered event as the settings say.</summary>
    public async Task HandleAsync(EventEnvelope envelope, int attempt)
    {
        var current = Settings;
        var stalled = current.Mode switch
        {
            "hang" => await HangAsync(() => Settings.Mode == "hang", current.MaxStallSeconds),
            "spin" => Spin(current.MaxStallSeconds),
            _ => false,
        };
        var fails = current.Mode == "throw" || current.FailCustomers.Contains(envelope.CustomerId);
        Append("events", Line(
            ("plugin", manifest.Id),
            ("version", manifest.Version),
            ("event", envelope.EventId.ToString("D")),
            ("customer", envelope.CustomerId),
            ("sequence", envelope.Sequence.ToString(CultureInfo.InvariantCulture)),
            ("position", envelope.Position.ToString(CultureInfo.InvariantCulture)),
            ("attempt", attempt.ToString(CultureInfo.InvariantCulture)),
            ("type", envelope.Type),
            ("outcome", stalled ? "stalled" : fails ? "fail" : "ok")));
        if (fails)
        {
            throw new InvalidOperationException($"The probe fails events of customer {envelope.CustomerId} (attempt {attempt}).");
        }

        // Plugin state with a type of the plugin's own: the platform serializes it, and must forget it on unload.
        var key = $"tally:{envelope.CustomerId}";
        var tally = await state.GetAsync<ProbeTally>(key) ?? new ProbeTally(0, 0);
        await state.SetAsync(key, new ProbeTally(tally.Handled + 1, envelope.Sequence));
    }

    /// <summary>Awaits until <paramref name="stillHanging"/> turns false or the time is up, ignoring every cancellation token.</summary>
    public async Task<bool> HangAsync(Func<bool> stillHanging, int maxSeconds)
    {
        var started = time.GetTimestamp();
        while (stillHanging() && time.GetElapsedTime(started) < TimeSpan.FromSeconds(maxSeconds))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, CancellationToken.None);
        }

        return true;
    }

    /// <summary>Appends a line to <c>{plugin id}.{kind}</c> in the output folder.</summary>
    public void Append(string kind, string line)
    {
        var folder = Settings.OutputFolder;
        Directory.CreateDirectory(folder);
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            // No lock on the file: another version of the plugin (another load context) may append too.
            using var file = new FileStream(Path.Combine(folder, $"{manifest.Id}.{kind}"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            file.Write(bytes);
        }
    }

    public static string Line(params (string Key, string? Value)[] fields) =>
        string.Join('\t', fields.Select(f => $"{f.Key}={f.Value}"));

    private bool Spin(int maxSeconds)
    {
        var started = time.GetTimestamp();
        while (Settings.Mode == "spin" && time.GetElapsedTime(started) < TimeSpan.FromSeconds(maxSeconds))
        {
            Thread.SpinWait(10_000);
        }

        return true;
    }
}
