namespace CrmPlatform.Sdk.Composition;

/// <summary>A scheduled job a plugin declared in its <c>Configure</c>.</summary>
internal sealed record PluginJob(string Name, TimeSpan Interval, Type JobType);
