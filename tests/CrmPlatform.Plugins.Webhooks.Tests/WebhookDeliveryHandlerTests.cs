using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Plugins.Webhooks.Tests;

public sealed class WebhookDeliveryHandlerTests : IAsyncLifetime
{
    private const string Secret = "s3cret-s3cret-s3cret";
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly HttpClient _httpClient = WebhookHttp.CreateClient();
    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _httpClient.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task HandleAsync_OrderPlaced_PostsTheEnvelopeAndTheStableEventJson()
    {
        var envelope = TestEvents.OrderPlaced();

        await Handler(Endpoint("orders")).HandleAsync(TestEvents.Batch(envelope), TestContext.Current.CancellationToken);

        var request = Assert.Single(_receiver.Requests);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(
            ["id", "type", "customerId", "sequence", "position", "occurredAt", "recordedAt", "actor", "correlationId", "data"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(envelope.EventId, root.GetProperty("id").GetGuid());
        Assert.Equal("crm.customer.order-placed.v1", root.GetProperty("type").GetString());
        Assert.Equal("c-1", root.GetProperty("customerId").GetString());
        Assert.Equal(1, root.GetProperty("sequence").GetInt64());
        Assert.Equal(1001, root.GetProperty("position").GetInt64());
        Assert.Equal(envelope.OccurredAt, root.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(envelope.RecordedAt, root.GetProperty("recordedAt").GetDateTimeOffset());
        Assert.Equal("api-key:ab12", root.GetProperty("actor").GetString());
        Assert.Equal("corr-1", root.GetProperty("correlationId").GetString());
        Assert.Equal(CustomerEventJson.Serialize(envelope.Event), root.GetProperty("data").GetRawText());
        Assert.Equal(42.50m, root.GetProperty("data").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task HandleAsync_NoCorrelationId_SendsNull()
    {
        var envelope = TestEvents.OrderPlaced() with { CorrelationId = null };

        await Handler(Endpoint("orders")).HandleAsync(TestEvents.Batch(envelope), TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(Assert.Single(_receiver.Requests).Body);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("correlationId").ValueKind);
    }

    [Fact]
    public async Task HandleAsync_Delivery_SendsIdTypeTimestampAndSignatureHeaders()
    {
        var envelope = TestEvents.OrderPlaced();

        await Handler(Endpoint("orders")).HandleAsync(TestEvents.Batch(envelope), TestContext.Current.CancellationToken);

        var request = Assert.Single(_receiver.Requests);
        Assert.Equal(envelope.EventId.ToString(), request.Headers[WebhookHeaders.EventId]);
        Assert.Equal("crm.customer.order-placed.v1", request.Headers[WebhookHeaders.EventType]);
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(), request.Headers[WebhookHeaders.Timestamp]);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
        Assert.StartsWith("CrmPlatform-Webhooks/", request.Headers["User-Agent"]);
        var signature = request.Headers[WebhookHeaders.Signature];
        Assert.Matches("^v1=[0-9a-f]{64}$", signature);
        Assert.Equal(WebhookSignature.Compute(Secret, Now.ToUnixTimeSeconds(), request.Body), signature);
    }

    [Fact]
    public async Task HandleAsync_Delivery_SignatureVerifiesOnlyWithTheSecretAndTheUntouchedBody()
    {
        await Handler(Endpoint("orders")).HandleAsync(TestEvents.Batch(TestEvents.OrderPlaced()), TestContext.Current.CancellationToken);

        var request = Assert.Single(_receiver.Requests);
        var timestamp = request.Headers[WebhookHeaders.Timestamp];
        var signature = request.Headers[WebhookHeaders.Signature];
        var tolerance = WebhookSignature.DefaultTolerance;
        Assert.True(WebhookSignature.Verify(Secret, timestamp, signature, request.Body, Now, tolerance));
        Assert.False(WebhookSignature.Verify("another-secret-of-some-length", timestamp, signature, request.Body, Now, tolerance));
        var tampered = request.BodyText.Replace("42.50", "4250", StringComparison.Ordinal);
        Assert.NotEqual(request.BodyText, tampered);
        Assert.False(WebhookSignature.Verify(Secret, timestamp, signature, tampered, Now, tolerance));
        Assert.False(WebhookSignature.Verify(Secret, (Now.ToUnixTimeSeconds() + 1).ToString(), signature, request.Body, Now, tolerance));
    }

    [Fact]
    public async Task HandleAsync_TwoEndpointsWithFilters_PostsOnlyToEndpointsThatAcceptTheEvent()
    {
        var order = TestEvents.OrderPlaced(1);
        var tags = TestEvents.TagsChanged(2);
        var handler = Handler(
            Endpoint("orders", "crm.customer.order-placed.v1"),
            Endpoint("tags", "crm.customer.tags-changed.v1"),
            Endpoint("star", "*"),
            Endpoint("all"));

        await handler.HandleAsync(TestEvents.Batch(order, tags), TestContext.Current.CancellationToken);

        Assert.Equal([order.EventId.ToString()], _receiver.For("orders").Select(r => r.Headers[WebhookHeaders.EventId]));
        Assert.Equal([tags.EventId.ToString()], _receiver.For("tags").Select(r => r.Headers[WebhookHeaders.EventId]));
        Assert.Equal(2, _receiver.For("star").Count);
        Assert.Equal(2, _receiver.For("all").Count);
    }

    [Fact]
    public async Task HandleAsync_BatchOfEvents_PostsThemInLogOrder()
    {
        var events = Enumerable.Range(1, 5).Select(i => TestEvents.OrderPlaced(i, $"o-{i}")).ToArray();

        await Handler(Endpoint("orders")).HandleAsync(TestEvents.Batch(events), TestContext.Current.CancellationToken);

        Assert.Equal(
            events.Select(e => e.EventId.ToString()),
            _receiver.Requests.Select(r => r.Headers[WebhookHeaders.EventId]));
        Assert.Equal(
            [1L, 2L, 3L, 4L, 5L],
            _receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task HandleAsync_EndpointAnswers500_ThrowsNamingTheEndpointAndStatus()
    {
        var handler = Handler(EndpointAt(kind: "fail", name: "erp"));

        var error = await Assert.ThrowsAsync<WebhookDeliveryException>(
            () => handler.HandleAsync(TestEvents.Batch(TestEvents.OrderPlaced()), TestContext.Current.CancellationToken));

        Assert.Equal("erp", error.Endpoint);
        Assert.Equal(500, error.StatusCode);
        Assert.Contains("'erp'", error.Message);
        Assert.Contains("500", error.Message);
    }

    [Fact]
    public async Task HandleAsync_FirstEventFails_DoesNotPostLaterEvents()
    {
        var handler = Handler(EndpointAt(kind: "fail", name: "erp"));

        await Assert.ThrowsAsync<WebhookDeliveryException>(
            () => handler.HandleAsync(TestEvents.Batch(TestEvents.OrderPlaced(1), TestEvents.OrderPlaced(2)), TestContext.Current.CancellationToken));

        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task HandleAsync_EndpointRedirects_ThrowsInsteadOfFollowing()
    {
        var handler = Handler(EndpointAt(kind: "redirect", name: "moved"));

        var error = await Assert.ThrowsAsync<WebhookDeliveryException>(
            () => handler.HandleAsync(TestEvents.Batch(TestEvents.OrderPlaced()), TestContext.Current.CancellationToken));

        Assert.Equal(302, error.StatusCode);
        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task HandleAsync_EndpointDoesNotAnswerInTime_ThrowsNamingTheEndpoint()
    {
        var handler = Handler(EndpointAt(kind: "slow", name: "sluggish"));

        var handling = handler.HandleAsync(TestEvents.Batch(TestEvents.OrderPlaced()), TestContext.Current.CancellationToken);
        await _receiver.SlowRequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(handling.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(WebhookSettings.DefaultTimeoutSeconds));

        var error = await Assert.ThrowsAsync<WebhookDeliveryException>(() => handling);
        Assert.Equal("sluggish", error.Endpoint);
        Assert.Null(error.StatusCode);
        Assert.Contains("'sluggish'", error.Message);
        Assert.Contains("timed out", error.Message);
    }

    [Fact]
    public async Task HandleAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var handler = Handler(EndpointAt(kind: "slow", name: "sluggish"));

        var handling = handler.HandleAsync(TestEvents.Batch(TestEvents.OrderPlaced()), cancellation.Token);
        await _receiver.SlowRequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handling);
    }

    [Fact]
    public async Task HandleAsync_ConnectionRefused_ThrowsNamingTheEndpoint()
    {
        var handler = Handler(new WebhookEndpoint { Name = "gone", Url = $"http://127.0.0.1:{UnusedPort()}/hook", Secret = Secret });

        var error = await Assert.ThrowsAsync<WebhookDeliveryException>(
            () => handler.HandleAsync(TestEvents.Batch(TestEvents.OrderPlaced()), TestContext.Current.CancellationToken));

        Assert.Equal("gone", error.Endpoint);
        Assert.Null(error.StatusCode);
        Assert.Contains("'gone'", error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task HandleAsync_NoEndpoints_PostsNothing()
    {
        await Handler().HandleAsync(TestEvents.Batch(TestEvents.OrderPlaced()), TestContext.Current.CancellationToken);

        Assert.Empty(_receiver.Requests);
    }

    private WebhookDeliveryHandler Handler(params WebhookEndpoint[] endpoints) => new(
        new TestSettings(new WebhookSettings { Endpoints = endpoints }),
        _httpClient,
        _time,
        NullLogger<WebhookDeliveryHandler>.Instance);

    private WebhookEndpoint Endpoint(string name, params string[] events) =>
        new() { Name = name, Url = _receiver.Url("ok", name), Secret = Secret, Events = events };

    private WebhookEndpoint EndpointAt(string kind, string name) =>
        new() { Name = name, Url = _receiver.Url(kind, name), Secret = Secret };

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
