using CrmPlatform.Grains.EventLog;
using CrmPlatform.Grains.Snapshots;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Security;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Storage.Postgres;
using Npgsql;

namespace CrmPlatform.Host.Hosting;

/// <summary>Builds the platform's process: used by <c>Program.cs</c>, and by tests and benchmarks that host it in-process.</summary>
public static class CrmPlatformApp
{
    /// <summary>The command that creates or migrates every table and exits.</summary>
    public const string MigrateCommand = "migrate";

    /// <summary>The command that uploads a CSV file to a running platform and follows the import.</summary>
    public const string ImportCommand = "import";

    /// <summary>
    /// Runs the platform; with <c>migrate</c> as the first argument brings the configured storage's
    /// schema up to date and exits (0 on success); with <c>import</c> uploads a CSV file to a running
    /// platform and follows the job (see <see cref="Import.ImportCommandLine"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is [MigrateCommand, .. var settings])
        {
            await MigrateAsync(settings);
            return 0;
        }

        if (args is [ImportCommand, .. var importArgs])
        {
            return await Import.ImportCommandLine.RunAsync(importArgs, Console.Out, Console.Error, TimeProvider.System);
        }

        await Build(args).RunAsync();
        return 0;
    }

    /// <summary>
    /// Builds the application from command-line <paramref name="args"/>; <paramref name="configure"/>
    /// runs before the platform's own services are added, so it can replace defaults such as the
    /// <see cref="TimeProvider"/>.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings files live beside the assembly, wherever the process is started from; relative
        // paths in settings (the data directory) are relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.AddCrmPlatform();
        var app = builder.Build();
        app.MapCrmPlatform();
        return app;
    }

    /// <summary>
    /// Creates or migrates every table of the configured storage without starting the platform:
    /// opening each store migrates its part (the same code a starting silo runs), and in cluster
    /// mode the Orleans tables are migrated too. Safe to run while silos are up.
    /// </summary>
    public static async Task MigrateAsync(string[] args)
    {
        await using var app = Build(args);
        _ = app.Services.GetRequiredService<IEventLog>();
        _ = app.Services.GetRequiredService<ICustomerReadModel>();
        await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        _ = app.Services.GetRequiredService<Plugins.Catalog.IPluginCatalogStore>();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.Provider == StorageProvider.Postgres)
        {
            await PostgresMigrator.MigrateAsync(
                app.Services.GetRequiredService<NpgsqlDataSource>(), OrleansPostgresSchema.Component, OrleansPostgresSchema.Migrations);
        }
    }
}
