using CrmPlatform.Host.Hosting;
using CrmPlatform.Host.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
}
