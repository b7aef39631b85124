using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace CrmPlatform.IntegrationTests;

/// <summary>
/// A cluster-mode host whose PostgreSQL server stops and comes back: while it is down the API says
/// 503 with Retry-After (not 500), and once it is back the same requests succeed.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"crm-outage-{Guid.NewGuid():N}");
    private readonly int _port = FreePort();
    private string _connectionString = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string ServerDirectory => Path.Combine(_root, "pg");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _connectionString = (await PostgresScriptAsync("start", ServerDirectory, $"{_port}")).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await PostgresScriptAsync("stop", ServerDirectory);
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Api_PostgresStoppedThenRestarted_Answers503WithRetryAfterThenSucceeds()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var host = HostProcess.Start(HostBinaries.HostDll(), Path.Combine(_root, "data"), "outage",
            ["--Crm:Storage:Provider=Postgres", $"--Crm:Storage:ConnectionString={_connectionString}"]);
        await host.WaitUntilReadyAsync(http, TimeSpan.FromMinutes(3), Cancel);
        var key = (await File.ReadAllTextAsync(Path.Combine(host.DataDirectory, "admin.key"), Cancel)).Trim();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var customers = new Uri(host.BaseAddress, "api/customers");
        using (var registered = await RegisterAsync(http, customers, "before"))
        {
            Assert.True(registered.IsSuccessStatusCode, $"{registered.StatusCode}\n{host.OutputTail()}");
        }

        await PostgresScriptAsync("halt", ServerDirectory);

        using (var write = await RegisterAsync(http, customers, "during"))
        {
            Assert.True(write.StatusCode == HttpStatusCode.ServiceUnavailable, $"write: {write.StatusCode} {await write.Content.ReadAsStringAsync(Cancel)}\n{host.OutputTail()}");
            Assert.NotNull(write.Headers.RetryAfter);
        }

        using (var read = await http.GetAsync(new Uri(customers + "?q=ada"), Cancel))
        {
            Assert.True(read.StatusCode == HttpStatusCode.ServiceUnavailable, $"read: {read.StatusCode} {await read.Content.ReadAsStringAsync(Cancel)}\n{host.OutputTail()}");
            Assert.NotNull(read.Headers.RetryAfter);
        }

        await PostgresScriptAsync("resume", ServerDirectory, $"{_port}");

        // The same write, retried with the same Idempotency-Key as a client told to retry would.
        var clock = Stopwatch.StartNew();
        HttpStatusCode last;
        do
        {
            await Task.Delay(500, Cancel);
            using var retry = await RegisterAsync(http, customers, "during");
            last = retry.StatusCode;
        }
        while (last == HttpStatusCode.ServiceUnavailable && clock.Elapsed < TimeSpan.FromSeconds(90));

        Assert.True(last is HttpStatusCode.Created or HttpStatusCode.OK, $"after restart: {last}\n{host.OutputTail()}");
        using var after = await http.GetAsync(new Uri(customers + "?q=ada"), Cancel);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("Outage over", host.OutputTail(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient http, Uri customers, string id)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, customers)
        {
            Content = JsonContent.Create(new { id, firstName = "Ada", lastName = "Lovelace" }),
        };
        request.Headers.Add("Idempotency-Key", $"outage-{id}");
        return http.SendAsync(request, Cancel);
    }

    private static async Task<string> PostgresScriptAsync(params string[] args)
    {
        // …/host/CrmPlatform.Host/bin/<Configuration>/<framework>/CrmPlatform.Host.dll → the repository root.
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(HostBinaries.HostDll())!, "..", "..", "..", "..", ".."));
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "postgres.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"postgres.sh {string.Join(' ', args)} failed ({process.ExitCode}): {await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
