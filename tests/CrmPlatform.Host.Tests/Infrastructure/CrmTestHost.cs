using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using CrmPlatform.Host.Hosting;
using CrmPlatform.Host.Observability;
using CrmPlatform.Host.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Host.Tests.Infrastructure;

/// <summary>The whole platform (silo + API) on a real Kestrel loopback port, with its own data directory.</summary>
public sealed class CrmTestHost : IAsyncDisposable
{
    // Hosts start one at a time so two never pick the same free port.
    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private readonly bool _ownsDirectory;

    private CrmTestHost(WebApplication app, Uri baseAddress, string dataDirectory, bool ownsDirectory)
    {
        App = app;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        AdminKey = File.ReadAllText(AdminKeyPath).Trim();
        Admin = CreateClient(AdminKey);
        Anonymous = CreateClient(null);
    }

    /// <summary>Declared custom attributes every test host gets.</summary>
    public static IReadOnlyList<string> AttributeArgs { get; } =
    [
        "--Crm:Customers:Attributes:industry:Type=Text",
        "--Crm:Customers:Attributes:industry:MaxLength=100",
        "--Crm:Customers:Attributes:employees:Type=WholeNumber",
        "--Crm:Customers:Attributes:employees:Minimum=0",
        "--Crm:Customers:Attributes:newsletter:Type=Boolean",
        "--Crm:Customers:Attributes:birthDate:Type=Date",
    ];

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public string AdminKeyPath => Path.Combine(DataDirectory, ApiKeyBootstrapper.KeyFileName);

    public string AdminKey { get; }

    /// <summary>A client that sends the bootstrap admin key.</summary>
    public HttpClient Admin { get; }

    /// <summary>A client that sends no key.</summary>
    public HttpClient Anonymous { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Starts a platform; <paramref name="map"/> maps extra routes after the platform's own (a test
    /// of the pipeline's defaults).
    /// </summary>
    public static async Task<CrmTestHost> StartAsync(
        string? dataDirectory = null, IEnumerable<string>? extraArgs = null, TimeProvider? time = null,
        Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= CreateTempDirectory();
        await StartGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return await StartCoreAsync(dataDirectory, ownsDirectory, extraArgs, time, configure, map);
        }
        catch when (ownsDirectory)
        {
            TryDelete(dataDirectory);
            throw;
        }
        finally
        {
            StartGate.Release();
        }
    }

    private static async Task<CrmTestHost> StartCoreAsync(
        string dataDirectory, bool ownsDirectory, IEnumerable<string>? extraArgs, TimeProvider? time,
        Action<WebApplicationBuilder>? configure, Action<WebApplication>? map)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Crm:DataDirectory={dataDirectory}",
            $"--Crm:SiloPort={FreeTcpPort()}",
            $"--Crm:GatewayPort={FreeTcpPort()}",
            "--Crm:EventLog:Durable=false",

            // The plugins shipped beside the host are installed only where a test asks for them
            // (--Crm:Plugins:BundledPlugins=crm.email, …): installing all five at every start is slow.
            "--Crm:Plugins:BundledPlugins=none",
            .. AttributeArgs,
            .. extraArgs ?? [],
        ];
        var app = CrmPlatformApp.Build(args, builder =>
        {
            builder.Logging.ClearProviders();
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }

            configure?.Invoke(builder);
        });
        map?.Invoke(app);
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        // With a management address configured the server listens there too: the base address is the other one.
        var management = app.Configuration[$"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.ManagementUrl)}"] is { Length: > 0 } url ? new Uri(url).Port : -1;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single(a => new Uri(a).Port != management);
        return new CrmTestHost(app, new Uri(address), dataDirectory, ownsDirectory);
    }

    public static string CreateTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "crm-host-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public T GetService<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>A client for this host that sends <paramref name="apiKey"/> in X-Api-Key (none when null).</summary>
    public HttpClient CreateClient(string? apiKey)
    {
        // Generous: a request that runs a job (training a model) can take a minute when the machine's
        // two cores are shared with a build; a hang still fails, later.
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Anonymous.Dispose();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await App.StopAsync(timeout.Token);
        }

        await App.DisposeAsync();
        if (_ownsDirectory)
        {
            TryDelete(DataDirectory);
        }
    }

    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
