using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Settings;

namespace Contoso.Crm.Pager;

/// <summary>
/// The <c>pager</c> channel: posts each message to Contoso Pager (<c>POST {BaseUrl}/v1/pages</c>) and
/// maps the answer to a <see cref="SendResult"/>. The platform has already decided that the message
/// may go out (consent, caps, quiet hours) and checked it against <see cref="Descriptor"/>; the
/// channel only talks to the provider. It never retries on its own: a transient failure is retried
/// by the platform, with the same <see cref="OutboundMessage.IdempotencyKey"/>.
/// </summary>
public sealed class PagerChannel : IChannel
{
    /// <summary>The channel's name in the API, in consent and in the inbound route (<c>/channels/pager/inbound</c>).</summary>
    public const string Name = "pager";

    private readonly IPluginSettings<PagerSettings> _settings;
    private readonly HttpClient _http;

    /// <summary>Creates the channel; the platform creates one per send, in a DI scope.</summary>
    /// <param name="settings">The provider's address and API key, read on every send (an administrator may change them).</param>
    /// <param name="http">The plugin's one client (see <see cref="PagerPlugin"/>).</param>
    public PagerChannel(IPluginSettings<PagerSettings> settings, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(http);
        _settings = settings;
        _http = http;
    }

    /// <summary>Phone numbers; plain text of at most 240 characters, no attachments; the provider deduplicates by idempotency key.</summary>
    public ChannelDescriptor Descriptor { get; } = new(
        Name,
        ChannelAddressKind.Phone,
        new ChannelCapabilities(RichText: false, Attachments: false, MaxLength: 240, ReplyWindow: null, ProviderIdempotency: true));

    /// <inheritdoc />
    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Text is null)
        {
            // Contoso Pager has no templates: refusing for good tells the platform not to try again.
            return SendResult.PermanentFailure($"The pager channel has no templates ('{message.Template}' was named): send the text itself.");
        }

        var settings = _settings.Current;
        if (string.IsNullOrEmpty(settings.ApiKey))
        {
            // Transient, not permanent: the message goes out once an administrator sets the key.
            return SendResult.TransientFailure("The pager channel is not configured yet: set apiKey.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{settings.BaseUrl.TrimEnd('/')}/v1/pages"))
        {
            Content = JsonContent.Create(new PagerWire.PageRequest(message.Recipient, message.Text), options: PagerWire.Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        // The same key on every attempt of this message: the provider sends a retried page only once.
        request.Headers.Add("Idempotency-Key", message.IdempotencyKey);

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return await ToResultAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            return SendResult.TransientFailure($"Contoso Pager could not be reached: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's time-out, not the platform cancelling the send.
            return SendResult.TransientFailure("Contoso Pager did not answer in time.");
        }
    }

    private static async Task<SendResult> ToResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            var accepted = await ReadAsync<PagerWire.PageAccepted>(response, cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(accepted?.Id)
                ? SendResult.TransientFailure($"Contoso Pager answered {(int)response.StatusCode} without a page id.")
                : SendResult.Sent(accepted.Id);
        }

        var refused = await ReadAsync<PagerWire.PageRefused>(response, cancellationToken).ConfigureAwait(false);
        var reason = $"Contoso Pager answered {(int)response.StatusCode}: {refused?.Message ?? response.ReasonPhrase ?? "no reason given"}";

        // Throttled or broken on the provider's side: trying again later can help.
        if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            return SendResult.TransientFailure(reason, response.Headers.RetryAfter?.Delta);
        }

        // Any other 4xx (a bad number, rejected text, a wrong key): the same request will fail again.
        return SendResult.PermanentFailure(reason);
    }

    /// <summary>Reads a JSON answer, or null when the body is not the JSON expected.</summary>
    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(PagerWire.Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null; // Not a JSON content type.
        }
    }
}
