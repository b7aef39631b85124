using System.Net;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Storage.Postgres;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using CrmPlatform.Host.Kernel;

namespace CrmPlatform.Host.Hosting;

/// <summary>
/// How a silo finds its cluster and where Orleans keeps its own data: with SQLite one silo on this machine
/// (in-memory reminders, no shared grain storage); with PostgreSQL membership, reminders and the <c>crm</c> grain
/// storage in the shared database through Orleans' ADO.NET providers, whose schema the silo creates on start.
/// </summary>
public static class OrleansClustering
{
    /// <summary>The grain storage provider for platform state (PostgreSQL only), e.g. <c>[PersistentState("…", "crm")]</c>.</summary>
    public const string GrainStorageName = "crm";

    /// <summary>The ADO.NET invariant Orleans maps to Npgsql.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>Configures clustering, reminders and grain storage for <paramref name="storage"/>'s backend.</summary>
    public static ISiloBuilder UseCrmClustering(this ISiloBuilder silo, CrmHostOptions host, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(storage);
        return storage.Provider switch
        {
            StorageProvider.Sqlite => silo
                .UseLocalhostClustering(host.SiloPort, host.GatewayPort, null, host.ServiceId, host.ClusterId)
                .UseInMemoryReminderService(),
            StorageProvider.Postgres => silo.UsePostgres(host, storage.ConnectionString is { Length: > 0 } connectionString
                ? connectionString
                : throw new InvalidOperationException($"{StorageOptions.SectionName}:ConnectionString is required when the provider is {StorageProvider.Postgres}.")),
            _ => throw new InvalidOperationException($"Unknown storage provider {storage.Provider}."),
        };
    }

    private static ISiloBuilder UsePostgres(this ISiloBuilder silo, CrmHostOptions host, string connectionString)
    {
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new OrleansPostgresSchemaInitializer(connectionString, sp.GetRequiredService<ILogger<OrleansPostgresSchemaInitializer>>()));
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = host.ClusterId;
            o.ServiceId = host.ServiceId;
        });
        var advertised = host.AdvertisedAddress is { Length: > 0 } address
            ? IPAddress.TryParse(address, out var parsed) ? parsed : throw new InvalidOperationException($"Crm:AdvertisedAddress '{address}' is not an IP address.")
            : IPAddress.Loopback;
        silo.ConfigureEndpoints(advertised, host.SiloPort, host.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        // System.Text.Json, not the default Newtonsoft serializer with assembly-qualified "$type" names.
        silo.AddAdoNetGrainStorage(GrainStorageName, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<IOptions<SystemTextJsonGrainStorageSerializerOptions>>((o, json) =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
                o.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer(json);
            }));
        return silo;
    }
}
