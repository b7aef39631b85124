using System.Globalization;
using CrmPlatform.Sdk.Jobs;
using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.TestPlugins.Probe;

/// <summary>Appends one line per run to <c>{plugin id}.jobs</c>.</summary>
internal sealed class ProbeJob(ProbeRecorder recorder, PluginManifest manifest) : IScheduledJob
{
    public Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        recorder.Append("jobs", ProbeRecorder.Line(
            ("plugin", manifest.Id),
            ("version", manifest.Version),
            ("job", context.JobName),
            ("startedAt", context.StartedAt.ToString("O", CultureInfo.InvariantCulture))));
        return Task.CompletedTask;
    }
}
