namespace CrmPlatform.Host.Channels.Live;

/// <summary>The live routes of channels (<c>Crm:Channels:Live</c>).</summary>
public sealed class LiveChannelOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Channels:Live";

    /// <summary>How long a live stream stays silent before it sends a heartbeat comment (1 s to 5 min).</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long browsers and proxies may cache a channel's assets before asking again (0 to 1 day; they revalidate with the entity tag).</summary>
    public TimeSpan AssetMaxAge { get; set; } = TimeSpan.FromMinutes(5);
}
