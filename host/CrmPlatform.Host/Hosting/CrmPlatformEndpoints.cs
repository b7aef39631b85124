using CrmPlatform.Host.Api.Channels;
using CrmPlatform.Host.Api.Channels.Live;
using CrmPlatform.Host.Api.Correlation;
using CrmPlatform.Host.Api.Customers;
using CrmPlatform.Host.Api.Import;
using CrmPlatform.Host.Api.Keys;
using CrmPlatform.Host.Observability;
using CrmPlatform.Host.ReadModel;
using CrmPlatform.Host.Sales;
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
        app.UseExceptionHandler();
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
        app.MapSales();
        return app;
    }
}
