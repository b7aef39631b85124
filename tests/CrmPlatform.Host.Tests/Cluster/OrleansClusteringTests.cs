using CrmPlatform.Host.Hosting;
using CrmPlatform.Host.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using CrmPlatform.Host.Kernel;

namespace CrmPlatform.Host.Tests.Cluster;

public sealed class OrleansClusteringTests
{
    [Fact]
    public async Task UseCrmClustering_Sqlite_StartsOneLocalSiloWithReminders()
    {
        await using var silo = await ClusterSilo.StartAsync(new StorageOptions { Provider = StorageProvider.Sqlite }, TestContext.Current.CancellationToken);

        var hosts = await silo.Grains.GetGrain<IManagementGrain>(0).GetHosts(true, TestContext.Current.CancellationToken);

        Assert.Equal([silo.Address], hosts.Keys.Select(k => k.ToString()));
        Assert.NotNull(silo.Services.GetService<IReminderTable>());
    }

    [Fact]
    public void UseCrmClustering_PostgresWithoutConnectionString_Throws()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.UseOrleans(silo =>
            silo.UseCrmClustering(new CrmHostOptions(), new StorageOptions { Provider = StorageProvider.Postgres })));

        Assert.Contains("ConnectionString", error.Message);
    }

    [Fact]
    public void UseCrmClustering_AdvertisedAddressNotAnIp_ThrowsNamingTheSetting()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var storage = new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=127.0.0.1" };

        var error = Assert.Throws<InvalidOperationException>(() => builder.UseOrleans(silo =>
            silo.UseCrmClustering(new CrmHostOptions { AdvertisedAddress = "silo-1.example" }, storage)));

        Assert.Contains("Crm:AdvertisedAddress", error.Message);
    }

    [Theory]
    [InlineData(null, "127.0.0.1", false)]
    [InlineData("10.1.2.3", "10.1.2.3", true)]
    public void UseCrmClustering_AdvertisedAddress_IsWhatOtherSilosSeeAndOpensAllInterfacesOffLoopback(
        string? configured, string advertised, bool listensOnAll)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var storage = new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=127.0.0.1" };
        builder.UseOrleans(silo => silo.UseCrmClustering(new CrmHostOptions { AdvertisedAddress = configured, SiloPort = 11500 }, storage));
        using var services = builder.Services.BuildServiceProvider();

        var endpoints = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.EndpointOptions>>().Value;

        Assert.Equal(advertised, endpoints.AdvertisedIPAddress.ToString());
        Assert.Equal(listensOnAll, endpoints.SiloListeningEndpoint?.Address.Equals(System.Net.IPAddress.Any) ?? false);
    }
}
