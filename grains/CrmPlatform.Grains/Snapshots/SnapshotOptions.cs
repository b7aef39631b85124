namespace CrmPlatform.Grains.Snapshots;

/// <summary>How often customer grains write snapshots (configuration section <c>Crm:Snapshots</c>).</summary>
public sealed class SnapshotOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Snapshots";

    /// <summary>
    /// A grain writes a snapshot once its stream has moved this many events past its last one.
    /// Zero or less turns snapshots off: none are written and none are read.
    /// </summary>
    public int EveryEvents { get; set; } = 100;
}
