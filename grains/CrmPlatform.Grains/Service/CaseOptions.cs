namespace CrmPlatform.Grains.Service;

/// <summary>Case rules that are configuration (<c>Crm:Service</c>).</summary>
public sealed class CaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Service";

    /// <summary>How long after resolution a case can still be reopened; after that it can only be closed.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(7);
}
