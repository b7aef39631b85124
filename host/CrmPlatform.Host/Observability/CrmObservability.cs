using CrmPlatform.Grains.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

using CrmPlatform.Host.Plugins.Runtime;

namespace CrmPlatform.Host.Observability;

/// <summary>
/// OpenTelemetry for operators: traces from ASP.NET Core, Orleans and the platform (commands, log
/// commits), metrics from the same plus the platform's own (commands, events appended, append
/// latency, batch sizes, read-model lag); exported over OTLP when configured and scrapeable at
/// <c>/metrics</c> in Prometheus format.
/// </summary>
public static class CrmObservability
{
    /// <summary>Adds traces and metrics.</summary>
    public static IServiceCollection AddCrmObservability(this IServiceCollection services, IConfiguration configuration, string serviceInstanceId)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = options.OtlpEndpoint
            ?? (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } fromEnvironment ? new Uri(fromEnvironment) : null);
        services.AddSingleton<ReadModelLagGauge>();
        services.AddSingleton<ReadModelParkedGauge>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("crm-platform", serviceInstanceId: serviceInstanceId));

        // Spans are only made when something receives them: a tracer without an exporter would
        // still sample every grain call and roughly double the CPU a command costs.
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource(CrmTelemetry.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddOtlpExporter(o => o.Endpoint = otlp));
        }

        telemetry.WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddMeter(CrmTelemetry.Name, ReadModelLagGauge.MeterName, PluginHost.MeterName, CrmPlatform.Host.Channels.ChannelTelemetry.MeterName, "Microsoft.Orleans");
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        return services;
    }

    /// <summary>Serves <c>/metrics</c> when Prometheus is on.</summary>
    public static WebApplication MapCrmObservability(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        _ = app.Services.GetRequiredService<ReadModelLagGauge>();
        _ = app.Services.GetRequiredService<ReadModelParkedGauge>();
        if (options.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }
}
