using CrmPlatform.Grains.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

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
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("crm-platform", serviceInstanceId: serviceInstanceId))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddSource(CrmTelemetry.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application");
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddMeter(CrmTelemetry.Name, ReadModelLagGauge.MeterName, "Microsoft.Orleans");
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
        if (options.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }
}
