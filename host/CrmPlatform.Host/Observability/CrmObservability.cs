using CrmPlatform.Grains.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Security;

namespace CrmPlatform.Host.Observability;

/// <summary>
/// OpenTelemetry for operators: traces from ASP.NET Core, Orleans and the platform (commands, log
/// commits), metrics from the same plus the platform's own (commands, events appended, append
/// latency, batch sizes, read-model lag); exported over OTLP when configured and scrapeable at
/// <c>/metrics</c> in Prometheus format — with a key on the main address, or without one on the
/// management address alone when <see cref="TelemetryOptions.ManagementUrl"/> is set.
/// </summary>
public static class CrmObservability
{
    // Kestrel's own default, kept when a management address is added to no configured address.
    private const string DefaultUrl = "http://localhost:5000";

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

    /// <summary>
    /// Adds the management address, when one is configured, to the addresses the server listens
    /// on (those of <c>urls</c>, or Kestrel's default when there are none).
    /// </summary>
    public static WebApplicationBuilder AddManagementAddress(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>()?.ManagementUrl is { } management)
        {
            var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : DefaultUrl;
            builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), management.GetLeftPart(UriPartial.Authority)]);
        }

        return builder;
    }

    /// <summary>
    /// Serves <c>/metrics</c> when Prometheus is on: to any valid key on the main address, or, with a
    /// management address, there alone and without a key (elsewhere it is not found).
    /// </summary>
    public static WebApplication MapCrmObservability(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        _ = app.Services.GetRequiredService<ReadModelLagGauge>();
        _ = app.Services.GetRequiredService<ReadModelParkedGauge>();
        if (!options.Prometheus)
        {
            return app;
        }

        var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
        if (options.ManagementUrl is { } management)
        {
            // The local port, not the Host header (which a caller chooses), tells the addresses apart.
            var port = management.Port;
            metrics.AllowAnonymous().Add(endpoint =>
            {
                var scrape = endpoint.RequestDelegate ?? throw new InvalidOperationException("The metrics endpoint has no handler.");
                endpoint.RequestDelegate = http => http.Connection.LocalPort == port ? scrape(http) : NotFound(http);
            });
        }
        else
        {
            metrics.RequireAuthorization(CrmPolicies.Read);
        }

        return app;
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
