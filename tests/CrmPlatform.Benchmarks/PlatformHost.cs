using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CrmPlatform.Host.Hosting;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Security;
using CrmPlatform.Host.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Benchmarks;

/// <summary>The whole platform process (silo, API, event log, read model) started in this process on a fresh temp directory.</summary>
internal sealed class PlatformHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlatformHost(WebApplication app, string dataDirectory, Uri baseAddress, string adminKey)
    {
        _app = app;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        AdminKey = adminKey;
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public string AdminKey { get; }

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public SqliteEventLog EventLog => _app.Services.GetRequiredService<SqliteEventLog>();

    public ReadModelProjector Projector => _app.Services.GetRequiredService<ReadModelProjector>();

    public IServiceProvider Services => _app.Services;

    public string EventsFile => Path.Combine(DataDirectory, "events.db");

    public static async Task<PlatformHost> StartAsync(string name, IEnumerable<string>? extraArgs = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory($"crm-bench-{name}-").FullName;
        try
        {
            var (httpPort, siloPort, gatewayPort) = FreePorts();
            string[] args =
            [
                $"--urls=http://127.0.0.1:{httpPort}",
                $"--Crm:DataDirectory={dataDirectory}",
                $"--Crm:SiloPort={siloPort}",
                $"--Crm:GatewayPort={gatewayPort}",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:Console:FormatterName=simple",
                // The product's appsettings.json is copied next to this program: run with the product's configuration.
                $"--contentRoot={AppContext.BaseDirectory}",
                .. extraArgs ?? [],
            ];
            var app = CrmPlatformApp.Build(
                args,
                // The bootstrap key is a throwaway of this run: keep its notice out of the report.
                b => b.Logging.AddFilter(typeof(ApiKeyBootstrapper).FullName, LogLevel.None));
            var console = Console.Out;
            Console.SetOut(TextWriter.Null);
            try
            {
                await app.StartAsync();
            }
            finally
            {
                Console.SetOut(console);
            }

            var key = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, ApiKeyBootstrapper.KeyFileName))).Trim();
            await SettleAsync(app.Services);
            return new PlatformHost(app, dataDirectory, new Uri($"http://127.0.0.1:{httpPort}"), key);
        }
        catch
        {
            TempFiles.Delete(dataDirectory);
            throw;
        }
    }

    /// <summary>
    /// Waits until the start-up work in the background is done, so no measured phase pays for it: a
    /// fresh data directory installs the bundled plugins (zipping, trial-loading and unloading each)
    /// once the host has started. Then collects, so their unloaded load contexts are not finalised
    /// during the first measured phase either.
    /// </summary>
    private static async Task SettleAsync(IServiceProvider services)
    {
        var bundled = Path.Combine(AppContext.BaseDirectory, PluginHost.BundledFolder);
        var expected = Directory.Exists(bundled) ? Directory.GetDirectories(bundled).Length : 0;
        var catalog = services.GetRequiredService<IPluginCatalogStore>();
        var waited = Stopwatch.StartNew();
        while ((await catalog.ListAsync()).Count < expected && waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(100);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>The number of rows in the event log, read through a separate connection.</summary>
    public long CountEvents() => RawSql.Count(EventsFile);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            TempFiles.Delete(DataDirectory);
        }
    }

    private static (int Http, int Silo, int Gateway) FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
                listener.Dispose();
            }
        }
    }
}

/// <summary>Removes the benchmark's temporary files.</summary>
internal static class TempFiles
{
    public static void Delete(string directory)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 4)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException) when (attempt < 4)
            {
                Thread.Sleep(200);
            }
        }
    }
}
