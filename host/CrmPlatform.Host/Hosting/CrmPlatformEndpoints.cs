using CrmPlatform.Host.Api.Channels;
using CrmPlatform.Host.Api.Channels.Live;
using CrmPlatform.Host.Api.Correlation;
using CrmPlatform.Host.Api.Customers;
using CrmPlatform.Host.Api.Import;
using CrmPlatform.Host.Api.Keys;
using CrmPlatform.Host.Observability;
using CrmPlatform.Host.ReadModel;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

using CrmPlatform.Host.Api.Plugins;
using CrmPlatform.Host.Api.Reports;

namespace CrmPlatform.Host.Hosting;

/// <summary>The HTTP pipeline and the routes of the platform.</summary>
public static class CrmPlatformEndpoints
{
    /// <summary>Adds middleware and maps every route.</summary>
    public static WebApplication MapCrmPlatform(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var outage = app.Services.GetRequiredService<TransientOutage>();
        app.UseExceptionHandler();
        app.Use(async (context, next) =>
        {
            await next(context);

            // An API answer needed the cluster and storage; probes and static files do not say they are back.
            if (context.Response.StatusCode < StatusCodes.Status500InternalServerError && context.Request.Path.StartsWithSegments("/api"))
            {
                outage.Succeeded();
            }
        });
        app.UseStatusCodePages();
        app.UseCorrelationIds();
        app.UseLiveChannelCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapCrmObservability();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

        var api = app.MapGroup("/api");
        api.MapGroup("/customers").WithTags("Customers").MapCustomerCommands().MapCustomerQueries().MapCustomerMessages();
        api.MapGroup("/channels").WithTags("Channels").MapChannels();
        app.MapChannelInbound();
        app.MapChannelLive();
        api.MapGroup("/keys").WithTags("API keys").MapApiKeys();
        api.MapGroup("/plugins").WithTags("Plugins").MapPlugins();
        api.MapGroup("/imports").WithTags("Imports").MapImports();
        api.MapGroup("/read-model").WithTags("Read model").MapParkedEvents();
        api.MapReports();
        return app;
    }
}
