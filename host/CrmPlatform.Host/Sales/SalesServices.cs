using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Sales;

/// <summary>Composes the sales module: its read-model store and the projector that keeps it.</summary>
internal static class SalesServices
{
    /// <summary>Adds the sales module.</summary>
    public static IServiceCollection AddSales(this IServiceCollection services)
    {
        services.AddStore(OpportunityStore.Schema, (database, _) => new OpportunityStore(database));
        services.AddSingleton<OpportunityProjector>();
        services.AddHostedService(sp => sp.GetRequiredService<OpportunityProjector>());
        return services;
    }
}
