namespace CrmPlatform.Sdk.Testing;

/// <summary>A job the plugin scheduled with <see cref="Plugins.IPluginBuilder.AddScheduledJob{TJob}"/>.</summary>
/// <param name="Name">The job's name within the plugin.</param>
/// <param name="Interval">Time between the end of one run and the start of the next.</param>
/// <param name="JobType">The job class, resolved from the plugin's container for every run.</param>
public sealed record ScheduledJobRegistration(string Name, TimeSpan Interval, Type JobType);
