using System.Net;

namespace CrmPlatform.IntegrationTests.Plugins;

/// <summary>One host process (embedded storage) on a fresh data directory, with extra configuration; killed when disposed.</summary>
internal sealed class SingleHost : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private SingleHost(HostProcess process, HttpClient http, string apiKey)
    {
        Process = process;
        Http = http;
        ApiKey = apiKey;
        Admin = new PluginAdmin(http, () => process.BaseAddress, apiKey);
        Commands = new CommandClient(http, () => process.BaseAddress, apiKey);
    }

    public HostProcess Process { get; }

    public HttpClient Http { get; }

    public string ApiKey { get; }

    public PluginAdmin Admin { get; }

    public CommandClient Commands { get; }

    /// <summary>An HTTP client for many concurrent commands.</summary>
    public static HttpClient NewHttpClient(int connections) =>
        new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), MaxConnectionsPerServer = connections })
        { Timeout = Timeout.InfiniteTimeSpan };

    public static async Task<SingleHost> StartAsync(string dataDirectory, HttpClient http, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var process = HostProcess.Start(HostBinaries.HostDll(), dataDirectory, "plugins", arguments);
        try
        {
            await process.WaitUntilReadyAsync(http, ReadyTimeout, cancellationToken);
            var key = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, "admin.key"), cancellationToken)).Trim();
            return new SingleHost(process, http, key);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Registers customers <c>&lt;prefix&gt;-c0000</c>… through the API; returns their ids.</summary>
    public async Task<string[]> RegisterCustomersAsync(string prefix, int count, int workers, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-c{i:D4}").ToArray();
        await Parallel.ForEachAsync(
            ids.Select((id, i) => new PlannedCommand(
                i, id, "register", "api/customers",
                $$"""{"id":"{{id}}","firstName":"Ada","lastName":"Plugin{{i}}","emails":["p{{i}}@example.com"]}""", $"{prefix}-r{i:D5}")),
            new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
            async (command, ct) =>
            {
                var answer = await Commands.SendAsync(command, ct);
                if (answer.StatusCode != (int)HttpStatusCode.Created && !answer.IsAcknowledged)
                {
                    throw new InvalidOperationException($"Registering {command.CustomerId} failed with {answer.StatusCode}: {answer.Refusal}");
                }
            });
        return ids;
    }

    public void Dispose() => Process.Dispose();
}
