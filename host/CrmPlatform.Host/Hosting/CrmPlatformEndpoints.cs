using CrmPlatform.Host.Channels;
using CrmPlatform.Host.Channels.Live;
using CrmPlatform.Host.Console;
using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Customers;
using CrmPlatform.Host.Import;
using CrmPlatform.Host.Security;
using CrmPlatform.Host.Observability;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Sales;
using CrmPlatform.Host.Service;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

using CrmPlatform.Host.Plugins;
using CrmPlatform.Host.Reports;

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
        app.UseJsonBodyBuffering();
        app.UseCorrelationIds();
        app.UseLiveChannelCors();
        app.UseConsoleCulture();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();

        // Every route needs a key unless it says otherwise (the fallback policy); these are public on
        // purpose: the OpenAPI document, the health probes, and the channel routes a provider or a
        // browser calls (the channel authorises those by what they carry).
        app.MapOpenApi().AllowAnonymous();
        app.MapCrmObservability();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();

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
        app.MapSales();
        app.MapService();
        app.MapConsole();
        return app;
    }
}
