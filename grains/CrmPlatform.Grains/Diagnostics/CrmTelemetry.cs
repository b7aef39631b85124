using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CrmPlatform.Grains.Diagnostics;

/// <summary>
/// The platform's own traces and metrics, named <c>CrmPlatform</c>: commands, appended events,
/// append latency and group-commit batch sizes. The host exports them (OTLP, Prometheus).
/// </summary>
public static class CrmTelemetry
{
    /// <summary>The name of the meter and the activity source.</summary>
    public const string Name = "CrmPlatform";

    /// <summary>Spans for commands and log commits.</summary>
    public static readonly ActivitySource Activities = new(Name);

    /// <summary>The platform's instruments.</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>Commands run by customer grains, by command and outcome.</summary>
    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("crm.commands", "{command}", "Commands run by customer grains.");

    /// <summary>Events made durable in the log.</summary>
    public static readonly Counter<long> EventsAppended = Meter.CreateCounter<long>("crm.events.appended", "{event}", "Events made durable in the event log.");

    /// <summary>How long an append took, from the grain's request to durability.</summary>
    public static readonly Histogram<double> AppendDuration = Meter.CreateHistogram<double>(
        "crm.eventlog.append.duration", "ms", "Time from a grain's append to its events being durable.");

    /// <summary>Events per group commit.</summary>
    public static readonly Histogram<long> BatchSize = Meter.CreateHistogram<long>(
        "crm.eventlog.batch.size", "{event}", "Events written by one group-commit transaction.");
}
