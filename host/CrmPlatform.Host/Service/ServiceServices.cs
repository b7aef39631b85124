using CrmPlatform.Grains.Service;
using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Service;

/// <summary>Composes the service module: the case read model and its projector, the definitions, the SLA timer, and what the case and queue grains read.</summary>
internal static class ServiceServices
{
    /// <summary>Adds the service module.</summary>
    public static IServiceCollection AddService(this IServiceCollection services)
    {
        services.AddStore(CaseStore.Schema, (database, _) => new CaseStore(database));
        services.AddStore(ServiceConfigStore.Schema, (database, _) => new ServiceConfigStore(database));
        services.AddSingleton<ServiceDirectory>();
        services.AddSingleton<ISlaPolicySource>(sp => sp.GetRequiredService<ServiceDirectory>());
        services.AddSingleton<IQueueDirectory>(sp => sp.GetRequiredService<ServiceDirectory>());
        services.AddOptions<CaseOptions>();
        services.AddOptions<SlaTimerOptions>();
        services.AddSingleton<CaseProjector>();
        services.AddHostedService(sp => sp.GetRequiredService<CaseProjector>());
        services.AddSingleton<SlaTimer>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaTimer>());
        return services;
    }
}
