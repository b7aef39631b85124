using System.Net.Http.Headers;
using System.Text;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Settings;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Plugins.Sms;

/// <summary>
/// Sends through a Twilio-compatible REST API: <c>POST {baseUrl}/2010-04-01/Accounts/{accountSid}/Messages.json</c>
/// with the form fields <c>To</c>, <c>From</c> (or <c>MessagingServiceSid</c>), <c>Body</c> and
/// <c>StatusCallback</c>, authenticated with HTTP basic (account SID, auth token). A 2xx answer is
/// sent under its <c>sid</c>; 429, 5xx, time-outs, network errors and refused credentials are
/// transient (honouring <c>Retry-After</c>); other 4xx answers, among them the error codes of invalid,
/// unreachable or unsubscribed numbers, are permanent.
/// </summary>
public sealed partial class TwilioSmsProvider : ISmsProvider
{
    private readonly IPluginSettings<SmsSettings> _settings;
    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TwilioSmsProvider> _logger;

    /// <summary>Creates the provider.</summary>
    /// <param name="settings">The account, sender and callback; read on every send.</param>
    /// <param name="httpClient">The plugin's shared client (see <see cref="SmsPlugin"/>).</param>
    /// <param name="timeProvider">The clock of the time-out and of <c>Retry-After</c> dates.</param>
    /// <param name="logger">Logs each send.</param>
    public TwilioSmsProvider(IPluginSettings<SmsSettings> settings, HttpClient httpClient, TimeProvider timeProvider, ILogger<TwilioSmsProvider> logger)
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
    public async Task<SendResult> SendAsync(SmsSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var settings = _settings.Current;
        if (settings.MissingForSending() is { } missing)
        {
            return SendResult.TransientFailure($"The SMS channel is not configured yet: set {missing} in the plugin's settings.");
        }

        using var request = BuildRequest(settings, submission);
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        using var linkedSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, linkedSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return SendResult.TransientFailure($"The SMS provider did not answer within {timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException exception)
        {
            return SendResult.TransientFailure($"The SMS provider could not be reached ({exception.HttpRequestError}): {exception.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(linkedSource.Token).ConfigureAwait(false);
            var result = TwilioResponse.ToSendResult(response, body, submission.To, _timeProvider.GetUtcNow());
            LogSent(submission.MessageId, (int)response.StatusCode, result.Status, result.ProviderMessageId ?? result.Reason);
            return result;
        }
    }

    private static HttpRequestMessage BuildRequest(SmsSettings settings, SmsSubmission submission)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("To", submission.To),
            string.IsNullOrEmpty(settings.MessagingServiceSid)
                ? new("From", settings.FromNumber!)
                : new("MessagingServiceSid", settings.MessagingServiceSid),
            new("Body", submission.Body),
        };
        if (!string.IsNullOrEmpty(settings.StatusCallbackUrl))
        {
            fields.Add(new("StatusCallback", settings.StatusCallbackUrl));
        }

        var url = new Uri($"{settings.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid!)}/Messages.json");
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMS {MessageId}: the provider answered {StatusCode}, {Status} ({Detail}).")]
    private partial void LogSent(string messageId, int statusCode, SendStatus status, string? detail);
}
