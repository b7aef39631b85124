namespace CrmPlatform.Host.Observability;

/// <summary>Where traces and metrics go (configuration section <c>Crm:Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Telemetry";

    /// <summary>
    /// An OTLP collector to export traces and metrics to (for example <c>http://127.0.0.1:4317</c>);
    /// none by default. The standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable works too.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>
    /// Serve metrics in Prometheus text format at <c>/metrics</c> (default true): on the main
    /// address to callers with a key, or only on <see cref="ManagementUrl"/> when one is set.
    /// </summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// A separate address for operators (for example <c>http://127.0.0.1:9464</c>), none by default.
    /// When set, the process listens there too and serves <c>/metrics</c> there only, without a key:
    /// the address, not a key, keeps it private, so bind it to loopback or a management network.
    /// </summary>
    public Uri? ManagementUrl { get; set; }
}
