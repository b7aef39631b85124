using System.Net;
using System.Text.Json;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Security;

namespace CrmPlatform.Host.Tests.Infrastructure;

/// <summary>One running platform shared by the API tests, with an agent and a reader key besides the bootstrap admin key.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    private CrmTestHost? _host;

    public CrmTestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public HttpClient Admin => Host.Admin;

    public HttpClient Anonymous => Host.Anonymous;

    public HttpClient Agent { get; private set; } = null!;

    public HttpClient Reader { get; private set; } = null!;

    public string AgentKeyId { get; private set; } = "";

    public IEventLog Log => Host.GetService<IEventLog>();

    public async ValueTask InitializeAsync()
    {
        _host = await CrmTestHost.StartAsync();
        var keys = Host.GetService<ApiKeyStore>();
        var agent = await keys.CreateAsync("test agent", ApiKeyRole.Agent);
        var reader = await keys.CreateAsync("test reader", ApiKeyRole.Reader);
        AgentKeyId = agent.Info.Id;
        Agent = Host.CreateClient(agent.Key);
        Reader = Host.CreateClient(reader.Key);
    }

    public async ValueTask DisposeAsync()
    {
        Agent?.Dispose();
        Reader?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public Task<long> HeadAsync() => Log.GetHeadPositionAsync(TestContext.Current.CancellationToken);

    /// <summary>Waits until the read model reflects everything in the log now.</summary>
    public async Task WaitForReadModelAsync()
    {
        var head = await HeadAsync();
        await Host.GetService<ReadModelProjector>().WaitForAsync(head, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }

    /// <summary>Registers a person and asserts 201.</summary>
    public async Task<string> RegisterAsync(string id, string firstName = "Test", string lastName = "Customer", HttpClient? client = null)
    {
        var response = await (client ?? Agent).PostJsonAsync("api/customers", Http.Json(new { id, firstName, lastName }));
        await response.ExpectAsync(HttpStatusCode.Created);
        return id;
    }

    public async Task<JsonElement> GetCustomerAsync(string id)
    {
        var response = await Agent.GetRouteAsync($"api/customers/{Uri.EscapeDataString(id)}");
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>The customer's whole timeline, newest first, following every page.</summary>
    public async Task<IReadOnlyList<JsonElement>> TimelineAsync(string id, int pageSize = 500)
    {
        var items = new List<JsonElement>();
        long? before = null;
        do
        {
            var url = $"api/customers/{Uri.EscapeDataString(id)}/timeline?limit={pageSize}" + (before is { } b ? $"&before={b}" : "");
            var page = await (await Agent.GetRouteAsync(url)).ExpectAsync(HttpStatusCode.OK);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            before = page.GetProperty("nextBefore").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextBefore").GetInt64();
        }
        while (before is not null);
        return items;
    }

    /// <summary>Asserts both health endpoints answer 200.</summary>
    public async Task AssertHealthyAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetRouteAsync("health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetRouteAsync("health/ready")).StatusCode);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiHostGroup : ICollectionFixture<ApiHostFixture>
{
    public const string Name = "api";
}
