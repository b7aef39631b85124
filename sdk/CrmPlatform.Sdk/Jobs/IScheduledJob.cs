namespace CrmPlatform.Sdk.Jobs;

/// <summary>Work a plugin runs on a schedule (see <see cref="Plugins.IPluginBuilder.AddScheduledJob{TJob}"/>).</summary>
public interface IScheduledJob
{
    /// <summary>Runs once. Throwing is logged and counted; the next run comes at the next interval.</summary>
    Task RunAsync(JobContext context, CancellationToken cancellationToken);
}
