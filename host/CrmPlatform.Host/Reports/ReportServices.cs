using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.Host.Reports;

/// <summary>Registers the report catalog, the platform's own reports and the serving of plugins' reports.</summary>
public static class ReportServices
{
    /// <summary>Adds reports; the module that keeps the read model registers its <see cref="IReportReadModel"/>.</summary>
    public static IServiceCollection AddCrmReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportOptions>()
            .Bind(configuration.GetSection(ReportOptions.SectionName))
            .Validate(o => o.PluginTimeout > TimeSpan.Zero, $"{ReportOptions.SectionName}:PluginTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IReport, StageDistributionReport>();
        services.AddSingleton<IReport, CohortRetentionReport>();
        services.AddSingleton<IReport, InsightsReport>();
        services.AddSingleton<PluginReports>();
        services.AddSingleton<ReportCatalog>();
        return services;
    }
}
