using System.Globalization;
using System.Net.Http.Headers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.Settings;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Plugins.Webhooks;

/// <summary>
/// Posts each event of a batch, in order, to every endpoint whose filter accepts it, signed with the
/// endpoint's secret. The first endpoint that does not accept a delivery (non-2xx, time-out, network
/// error) fails the batch with a <see cref="WebhookDeliveryException"/>; the platform then retries,
/// so an endpoint can receive an event more than once and dedupes by <see cref="WebhookHeaders.EventId"/>.
/// </summary>
public sealed partial class WebhookDeliveryHandler : IBatchEventHandler
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly IPluginSettings<WebhookSettings> _settings;
    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WebhookDeliveryHandler> _logger;

    /// <summary>Creates the handler.</summary>
    /// <param name="settings">The endpoints and time-out; read once per batch.</param>
    /// <param name="httpClient">The plugin's shared client (see <see cref="WebhooksPlugin"/>).</param>
    /// <param name="timeProvider">The clock of the signature timestamp and of the time-out.</param>
    /// <param name="logger">Logs each delivery.</param>
    public WebhookDeliveryHandler(
        IPluginSettings<WebhookSettings> settings,
        HttpClient httpClient,
        TimeProvider timeProvider,
        ILogger<WebhookDeliveryHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _settings = settings;
        _httpClient = httpClient;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task HandleAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var settings = _settings.Current;
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);

        foreach (var envelope in batch.Events)
        {
            var type = envelope.Type;
            byte[]? body = null;
            foreach (var endpoint in settings.Endpoints)
            {
                if (endpoint is not null && endpoint.Accepts(type))
                {
                    body ??= WebhookPayload.Write(envelope, type);
                    await PostAsync(endpoint, envelope, type, body, timeout, cancellationToken);
                }
            }
        }
    }

    private async Task PostAsync(
        WebhookEndpoint endpoint, EventEnvelope envelope, string type, byte[] body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = WebhookEndpoint.ParseUrl(endpoint.Url)
            ?? throw new WebhookDeliveryException(endpoint.Name, null, $"Webhook endpoint '{endpoint.Name}' has no valid URL.");
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds();

        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = JsonContentType;
        request.Headers.Add(WebhookHeaders.EventId, envelope.EventId.ToString("D"));
        request.Headers.Add(WebhookHeaders.EventType, type);
        request.Headers.Add(WebhookHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.Signature, WebhookSignature.Compute(endpoint.Secret, timestamp, body));

        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        using var linkedSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linkedSource.Token);
        }
        catch (OperationCanceledException ex) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WebhookDeliveryException(
                endpoint.Name,
                null,
                $"Webhook endpoint '{endpoint.Name}' timed out: no answer within {timeout.TotalSeconds:0} s for event {envelope.EventId} ({type}).",
                ex);
        }
        catch (HttpRequestException ex)
        {
            throw new WebhookDeliveryException(
                endpoint.Name,
                null,
                $"Webhook endpoint '{endpoint.Name}' could not be reached ({ex.HttpRequestError}) for event {envelope.EventId} ({type}): {ex.Message}",
                ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                throw new WebhookDeliveryException(
                    endpoint.Name,
                    status,
                    $"Webhook endpoint '{endpoint.Name}' answered {status} {response.ReasonPhrase} for event {envelope.EventId} ({type}).");
            }

            LogDelivered(endpoint.Name, envelope.EventId, type, status);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook endpoint {Endpoint} accepted event {EventId} ({EventType}) with {StatusCode}.")]
    private partial void LogDelivered(string endpoint, Guid eventId, string eventType, int statusCode);
}
