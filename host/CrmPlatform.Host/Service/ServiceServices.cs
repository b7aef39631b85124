using CrmPlatform.Grains.Service;
using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Service;

/// <summary>Composes the service module: the case read model and its projector, the definitions, the SLA timer, and what the case and queue grains read.</summary>
internal static class ServiceServices
{
    /// <summary>Adds the service module.</summary>
    public static IServiceCollection AddService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStore(CaseStore.Schema, (database, _) => new CaseStore(database));
        services.AddStore(ServiceConfigStore.Schema, (database, _) => new ServiceConfigStore(database));
        services.AddSingleton<ServiceDirectory>();
        services.AddSingleton<ISlaPolicySource>(sp => sp.GetRequiredService<ServiceDirectory>());
        services.AddSingleton<IQueueDirectory>(sp => sp.GetRequiredService<ServiceDirectory>());
        services.AddOptions<CaseOptions>()
            .Bind(configuration.GetSection(CaseOptions.SectionName))
            .Validate(o => o.ReopenWindow >= TimeSpan.Zero && o.ReopenWindow <= TimeSpan.FromDays(366), $"{CaseOptions.SectionName}:ReopenWindow must be from 0 to 366 days.")
            .ValidateOnStart();
        services.AddOptions<SlaTimerOptions>()
            .Bind(configuration.GetSection(SlaTimerOptions.SectionName))
            .Validate(o => o.PollInterval >= TimeSpan.FromMilliseconds(100) && o.PollInterval <= TimeSpan.FromHours(1), $"{SlaTimerOptions.SectionName}:PollInterval must be from 100 milliseconds to 1 hour.")
            .Validate(o => o.BatchSize is >= 1 and <= 10_000, $"{SlaTimerOptions.SectionName}:BatchSize must be from 1 to 10000.")
            .ValidateOnStart();
        services.AddSingleton<CaseProjector>();
        services.AddHostedService(sp => sp.GetRequiredService<CaseProjector>());
        services.AddSingleton<CaseConversationTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<CaseConversationTracker>());
        services.AddSingleton<SlaTimer>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaTimer>());
        return services;
    }
}
