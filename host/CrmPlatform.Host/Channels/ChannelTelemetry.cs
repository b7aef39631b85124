using System.Diagnostics.Metrics;

namespace CrmPlatform.Host.Channels;

/// <summary>The channels' metrics (meter <c>CrmPlatform.Channels</c>).</summary>
public static class ChannelTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "CrmPlatform.Channels";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Inbound requests a channel refused as not genuine, by channel.</summary>
    public static Counter<long> InboundRejected { get; } =
        Meter.CreateCounter<long>("crm.channels.inbound.rejected", description: "Inbound webhook requests refused as not genuine.");

    /// <summary>Inbound messages by channel and outcome (recorded, prospect, flagged, dropped).</summary>
    public static Counter<long> InboundMessages { get; } =
        Meter.CreateCounter<long>("crm.channels.inbound.messages", description: "Inbound messages, by how their sender was resolved.");
}
