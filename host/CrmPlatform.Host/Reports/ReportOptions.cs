namespace CrmPlatform.Host.Reports;

/// <summary>How reports are served (<c>Crm:Reports</c>).</summary>
public sealed class ReportOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Reports";

    /// <summary>The time budget of one plugin report (creating it, building the table, disposing it).</summary>
    public TimeSpan PluginTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
