namespace CrmPlatform.Host.Service;

/// <summary>How often the SLA timer reads the due index (<c>Crm:Service:Sla</c>).</summary>
internal sealed class SlaTimerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Service:Sla";

    /// <summary>The wait between reads of the due index: the most a warning or breach is late, besides the projector's lag.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most cases woken per read.</summary>
    public int BatchSize { get; set; } = 500;
}
