using System.Globalization;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Grains.Snapshots;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Security;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmPlatform.Host.Hosting;

/// <summary>Builds the platform's process: used by <c>Program.cs</c>, and by tests and benchmarks that host it in-process.</summary>
public static class CrmPlatformApp
{
    /// <summary>The command that creates or migrates every table and exits.</summary>
    public const string MigrateCommand = "migrate";

    /// <summary>The command that uploads a CSV file to a running platform and follows the import.</summary>
    public const string ImportCommand = "import";

    /// <summary>The option of <c>migrate</c> that lists pending migrations without applying them.</summary>
    public const string StatusOption = "--status";

    /// <summary>
    /// Runs the platform; with <c>migrate</c> as the first argument brings the configured storage's
    /// schema up to date and exits (0 on success); with <c>import</c> uploads a CSV file to a running
    /// platform and follows the job (see <see cref="Import.ImportCommandLine"/>). Unknown arguments
    /// and settings, and invalid configuration, end the process with one line on standard error and
    /// a code of <see cref="CrmExitCodes"/> before anything starts.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);

        // The API, logs and files speak the invariant culture whatever the machine's locale; only
        // the console's requests take the reader's language (ConsoleCultures).
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        if (args is [ImportCommand, .. var importArgs])
        {
            return await Import.ImportCommandLine.RunAsync(importArgs, System.Console.Out, System.Console.Error, TimeProvider.System);
        }

        if (CrmCommandLine.IsHelp(args))
        {
            await System.Console.Out.WriteLineAsync(CrmCommandLine.Usage());
            return CrmExitCodes.Success;
        }

        if (CrmCommandLine.IsVersion(args))
        {
            await System.Console.Out.WriteLineAsync(CrmCommandLine.Version());
            return CrmExitCodes.Success;
        }

        var migrate = args is [MigrateCommand, ..];
        var settings = migrate ? args[1..] : args;
        var status = migrate && settings is [StatusOption, ..];
        settings = status ? settings[1..] : settings;
        if (CrmCommandLine.FindUnknown(settings) is { } unknown)
        {
            return await RefuseAsync(unknown, CrmExitCodes.UnknownSetting);
        }

        try
        {
            if (migrate)
            {
                return await MigrateCommandAsync(settings, status);
            }

            await Build(settings).RunAsync();
            return CrmExitCodes.Success;
        }
        catch (CrmConfigurationException ex)
        {
            return await RefuseAsync(ex.Message, ex.ExitCode);
        }
        catch (OptionsValidationException ex)
        {
            return await RefuseAsync(ex.Message, CrmExitCodes.InvalidConfiguration);
        }
#pragma warning disable CA1031 // The process's last word: the documented exit code instead of an abort.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return await RefuseAsync($"The platform failed: {ex.GetType().Name}: {ex.Message}", CrmExitCodes.Failure);
        }
    }

    private static async Task<int> RefuseAsync(string reason, int exitCode)
    {
        // One line, whatever the message holds, so that supervisors' logs keep it whole.
        await System.Console.Error.WriteLineAsync(reason.ReplaceLineEndings(" "));
        return exitCode;
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
        // The application is the host's assembly even when a test process hosts it: the console's
        // static files are found by its name (CrmPlatform.Host.staticwebassets.endpoints.json).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(CrmPlatformApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        builder.AddCrmPlatform();
        var app = builder.Build();
        app.MapCrmPlatform();
        return app;
    }

    /// <summary>
    /// Creates or migrates every table of the configured storage without starting the platform:
    /// opening each store migrates its part (the same code a starting silo runs), and in cluster
    /// mode the Orleans tables are migrated too. Safe to run while silos are up. Returns what the
    /// schema step did, per component.
    /// </summary>
    public static async Task<IReadOnlyList<SchemaChange>> MigrateAsync(string[] args)
    {
        await using var app = Build(args);
        _ = app.Services.GetRequiredService<IEventLog>();
        _ = app.Services.GetRequiredService<ICustomerReadModel>();
        var changes = new List<SchemaChange>(await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync());
        _ = app.Services.GetRequiredService<Plugins.Catalog.IPluginCatalogStore>();
        if (app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Postgres)
        {
            var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
            var before = await PostgresMigrator.VersionAsync(dataSource, OrleansPostgresSchema.Component);
            await PostgresMigrator.MigrateAsync(dataSource, OrleansPostgresSchema.Component, OrleansPostgresSchema.Migrations);
            var newest = OrleansPostgresSchema.Migrations.Count;
            changes.Add(new SchemaChange(OrleansPostgresSchema.Component, Math.Min(before, newest), newest, newest));
        }

        return changes;
    }

    /// <summary>
    /// Lists each component's schema version and its pending migrations without applying any (in
    /// cluster mode on a connection of its own, since the platform's data source migrates when opened).
    /// </summary>
    public static async Task<IReadOnlyList<SchemaChange>> MigrationStatusAsync(string[] args)
    {
        await using var app = Build(args);
        var components = app.Services.GetServices<SchemaComponent>().ToList();
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider != StorageProvider.Postgres)
        {
            return await app.Services.GetRequiredService<SchemaMigrator>().StatusAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(storage.ConnectionString!);
        var migrator = new SchemaMigrator(
            SqlDatabases.Postgres(dataSource), components, app.Services.GetRequiredService<ILogger<SchemaMigrator>>());
        var changes = new List<SchemaChange>(await migrator.StatusAsync());
        foreach (var (component, migrations) in new[]
        {
            ("event-log", PostgresEventLog.Migrations),
            (OrleansPostgresSchema.Component, OrleansPostgresSchema.Migrations),
        })
        {
            var version = await PostgresMigrator.VersionAsync(dataSource, component);
            changes.Add(new SchemaChange(component, version, version, migrations.Count));
        }

        return changes;
    }

    private static async Task<int> MigrateCommandAsync(string[] settings, bool statusOnly)
    {
        var changes = statusOnly ? await MigrationStatusAsync(settings) : await MigrateAsync(settings);
        foreach (var change in changes)
        {
            await System.Console.Out.WriteLineAsync(change.ToString());
        }

        return changes.Any(c => c.Pending > 0) ? CrmExitCodes.MigrationsPending : CrmExitCodes.Success;
    }
}
