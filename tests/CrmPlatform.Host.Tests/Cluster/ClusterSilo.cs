using System.Net;
using System.Net.Sockets;
using CrmPlatform.Host.Hosting;
using CrmPlatform.Host.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using CrmPlatform.Host.Kernel;

namespace CrmPlatform.Host.Tests.Cluster;

/// <summary>One in-process silo configured exactly as the platform configures it, on free loopback ports.</summary>
public sealed class ClusterSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private ClusterSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public string Address => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();

    public static Task<ClusterSilo> StartAsync(string connectionString, CancellationToken cancellationToken) =>
        StartAsync(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString }, cancellationToken);

    public static async Task<ClusterSilo> StartAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        var options = new CrmHostOptions { SiloPort = FreePort(), GatewayPort = FreePort(), ClusterId = "crm-test", ServiceId = "crm-test" };
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseCrmClustering(options, storage));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new ClusterSilo(host);
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
