namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>A job a plugin declared: its name, how often it runs and the type that does the work.</summary>
public sealed record ScheduledJob(string Name, TimeSpan Interval, Type JobType);
