using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmPlatform.Grains.Abstractions.Serialization;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Lifecycle;
using CrmPlatform.Grains.Snapshots;
using CrmPlatform.Host.Customers;
using CrmPlatform.Host.Import;
using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Channels;
using CrmPlatform.Host.Channels.Live;
using CrmPlatform.Host.Console;
using CrmPlatform.Host.Customers.Lifecycle;
using CrmPlatform.Host.Observability;
using CrmPlatform.Host.Plugins;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Reports;
using CrmPlatform.Host.Sales;
using CrmPlatform.Host.Service;
using CrmPlatform.Host.Security;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Storage.Sqlite;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Hosting;

/// <summary>Composes the platform's services: storage, the silo, the read model, security and the API's plumbing.</summary>
public static class CrmPlatformServices
{
    /// <summary>Adds everything the platform needs to <paramref name="builder"/>.</summary>
    public static WebApplicationBuilder AddCrmPlatform(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;

        // Refused before anything is created: a misspelt key would otherwise be ignored in silence.
        if (CrmConfigurationKeys.FindUnknown(configuration) is { } unknown)
        {
            throw new CrmConfigurationException($"Unknown setting '{unknown}': no option of the platform has that name.")
            {
                ExitCode = CrmExitCodes.UnknownSetting,
            };
        }

        var hostOptions = BindEarly<CrmHostOptions>(configuration, CrmHostOptions.SectionName);
        if (hostOptions.AdvertisedAddress is { Length: > 0 } advertised && !IPAddress.TryParse(advertised, out _))
        {
            throw new CrmConfigurationException($"Crm:AdvertisedAddress '{advertised}' is not an IP address.");
        }

        hostOptions.DataDirectory = Path.GetFullPath(Environment.GetEnvironmentVariable("CRM_DATA_DIR") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : hostOptions.DataDirectory);
        var storageOptions = BindEarly<StorageOptions>(configuration, StorageOptions.SectionName);
        if (storageOptions.Provider == StorageProvider.Postgres && string.IsNullOrEmpty(storageOptions.ConnectionString))
        {
            throw new CrmConfigurationException($"{StorageOptions.SectionName}:ConnectionString is required when the provider is {StorageProvider.Postgres}.");
        }

        CreateDataDirectory(hostOptions.DataDirectory);

        var services = builder.Services;
        services.AddSingleton(Options.Create(hostOptions));
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<CustomerOptions>(configuration.GetSection(CustomerOptions.SectionName));
        services.Configure<SnapshotOptions>(configuration.GetSection(SnapshotOptions.SectionName));
        services.AddOptions<LifecycleSchedulerOptions>()
            .Bind(configuration.GetSection(LifecycleSchedulerOptions.SectionName))
            .Validate(
                o => o.Interval >= LifecycleSchedulerOptions.MinInterval && o.Interval <= LifecycleSchedulerOptions.MaxInterval,
                $"Crm:Lifecycle:Interval must be from {LifecycleSchedulerOptions.MinInterval} to {LifecycleSchedulerOptions.MaxInterval}.")
            .ValidateOnStart();

        services.AddSingleton(Options.Create(storageOptions));
        if (storageOptions.Provider == StorageProvider.Postgres)
        {
            services.AddPostgresStorage(configuration, storageOptions.ConnectionString!);
        }
        else
        {
            services.AddSqliteStorage(configuration, hostOptions.DataDirectory);
        }

        // The schema step comes first among the hosted services: nothing touches a store before it.
        services.AddSingleton<SchemaMigrator>();
        services.AddHostedService<SchemaMigrationService>();
        services.AddStore(ApiKeyStore.Schema, (database, sp) => new ApiKeyStore(database, sp.GetRequiredService<TimeProvider>()));
        services.AddStore<ICustomerSnapshotStore>(SqlSnapshotStore.Schema, (database, sp) => new SqlSnapshotStore(database, sp.GetRequiredService<TimeProvider>()));
        services.AddStore<ICustomerReadModel>(CustomerReadModel.Schema, (database, _) => new CustomerReadModel(database));
        services.AddSingleton(sp => (IReportReadModel)sp.GetRequiredService<ICustomerReadModel>());
        services.AddHostedService<ApiKeyBootstrapper>();
        services.AddOptions<ReadModelOptions>()
            .Bind(configuration.GetSection(ReadModelOptions.SectionName))
            .Validate(o => o.MaxAttempts >= 1 && o.RetryDelay >= TimeSpan.Zero && o.FailureDelay > TimeSpan.Zero,
                $"{ReadModelOptions.SectionName}: MaxAttempts must be at least 1, RetryDelay not negative and FailureDelay positive.")
            .ValidateOnStart();
        services.AddSingleton<ReadModelProjector>();
        services.AddSingleton<ParkedEventRetrier>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadModelProjector>());
        services.AddSingleton<CustomerCommandSender>();
        services.AddSingleton<IDueCustomerFinder, ReadModelDueCustomerFinder>();
        services.AddSingleton<LifecycleRuleScheduler>();
        services.AddPluginRuntime(configuration);
        services.AddCrmReports(configuration);
        services.AddChannels(configuration);
        services.AddLiveChannels(configuration);
        services.AddSales();
        services.AddService(configuration);
        services.AddHostedService(sp => sp.GetRequiredService<LifecycleRuleScheduler>());

        builder.UseOrleans(silo =>
        {
            silo.UseCrmClustering(hostOptions, storageOptions);
            silo.Services.AddCrmSerialization();
            silo.AddActivityPropagation();
        });
        services.Configure<ImportOptions>(configuration.GetSection(ImportOptions.SectionName));
        services.AddCsvImport();

        services.AddCrmObservability(configuration, $"{Environment.MachineName}:{hostOptions.SiloPort}");
        builder.AddManagementAddress();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = hostOptions.MaxRequestBodyBytes);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddSingleton<TransientOutage>();
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecurityTransformer>().AddSchemaTransformer<OptionalRequestMembersTransformer>());
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);

        services.AddAuthentication(CrmAuthentication.SchemeName)
            .AddPolicyScheme(CrmAuthentication.SchemeName, null, o => o.ForwardDefaultSelector = CrmAuthentication.Select)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.AddConsole(hostOptions);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(CrmPolicies.AuthenticatedCaller)
            .AddPolicy(CrmPolicies.Read, p => p.RequireRole(nameof(ApiKeyRole.Reader)))
            .AddPolicy(CrmPolicies.Write, p => p.RequireRole(nameof(ApiKeyRole.Agent)))
            .AddPolicy(CrmPolicies.Admin, p => p.RequireRole(nameof(ApiKeyRole.Admin)));
        return builder;
    }

    /// <summary>Binds settings the composition itself needs; a value that does not convert is a configuration error.</summary>
    /// <summary>A missing data directory is created for the platform's user only: it holds customer data and the admin key.</summary>
    private static void CreateDataDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static T BindEarly<T>(ConfigurationManager configuration, string section)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the type it could not convert to.
            throw new CrmConfigurationException(ex.Message, ex);
        }
    }

    /// <summary>
    /// CSV import: the job store, the uploader, and the runner — added after the silo so that it
    /// stops first and never sends to a stopped silo.
    /// </summary>
    private static void AddCsvImport(this IServiceCollection services)
    {
        services.AddStore<IImportJobStore>(SqlImportJobStore.Schema, (database, _) => new SqlImportJobStore(database));
        services.AddSingleton<ImportRowSender>();
        services.AddSingleton<ImportJobProcessor>();
        services.AddSingleton<ImportUploader>();
        services.AddSingleton<ImportJobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobRunner>());
    }

    /// <summary>The API's JSON rules: camelCase, enums as camelCase strings, and nothing guessed from sloppy input.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.RespectNullableAnnotations = true;
        options.AllowDuplicateProperties = false;
        options.AllowTrailingCommas = false;
    }
}
