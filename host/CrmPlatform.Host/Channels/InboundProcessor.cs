using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Plugins;
using CrmPlatform.Host.Plugins.Sandbox;
using CrmPlatform.Sdk.Channels;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Channels;

/// <summary>
/// Handles a provider's webhook request for a channel: bounds its size, builds the
/// <see cref="InboundRequest"/>, has the channel's plugin verify it (a forged request is refused
/// with 403 and recorded) and parse it (a malformed one is refused with 400 naming the field,
/// nothing written), then records what it carried and answers as the channel says.
/// </summary>
public sealed partial class InboundProcessor(
    ChannelDirectory channels,
    InboundRecorder recorder,
    IChannelStore store,
    IOptions<ChannelOptions> options,
    IOptions<PluginRuntimeOptions> runtime,
    TimeProvider time,
    ILogger<InboundProcessor> logger)
{
    /// <summary>Handles one webhook request.</summary>
    public async Task<IResult> HandleAsync(string channel, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (channels.InboundOf(channel) is not { } slot)
        {
            return ApiProblems.NotFound($"No enabled channel called '{channel}' takes inbound requests.");
        }

        var max = options.Value.MaxInboundBytes;
        if (await ReadBodyAsync(http.Request, max, cancellationToken) is not { } body)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.", detail: $"At most {max} bytes.");
        }

        var request = new InboundRequest(
            UrlOf(http.Request),
            http.Request.Method,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            http.Request.ContentType,
            body);
        if (await slot.AcquireAsync(cancellationToken) is not { } plugin)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The channel is not running.", detail: $"Channel '{channel}' is not running.");
        }

        InboundResult result;
        try
        {
            var budget = runtime.Value.DeliveryTimeout;
            var verification = await slot.Sandbox.RunAsync("inbound verification", t => plugin.VerifyInboundAsync(channel, request, t), budget, cancellationToken, SandboxLane.Inbound);
            if (!verification.IsGenuine)
            {
                var reason = verification.Reason ?? "Not genuine.";
                await store.RecordRejectionAsync(new InboundRejection(channel, http.Connection.RemoteIpAddress?.ToString(), reason, time.GetUtcNow()), cancellationToken);
                ChannelTelemetry.InboundRejected.Add(1, new KeyValuePair<string, object?>("channel", channel));
                LogRejected(logger, channel, http.Connection.RemoteIpAddress?.ToString(), reason);
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The request is not genuine.", detail: $"Channel '{channel}' could not verify the request.");
            }

            result = await slot.Sandbox.RunAsync("inbound parsing", t => plugin.ParseInboundAsync(channel, request, t), budget, cancellationToken, SandboxLane.Inbound);
        }
        catch (InboundFormatException ex)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [ex.Field] = [ex.Message] });
        }
        catch (PluginUnavailableException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The channel is not available.", detail: ex.Message);
        }
        catch (PluginTimeoutException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The channel did not answer in time.", detail: ex.Message);
        }
        finally
        {
            plugin.Release();
        }

        await recorder.RecordAsync(channel, result, cancellationToken);
        return result.Response is { } response
            ? Results.Content(response.Body, response.ContentType, System.Text.Encoding.UTF8, response.StatusCode)
            : Results.Ok();
    }

    /// <summary>The body, or null when it is longer than <paramref name="max"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private Uri UrlOf(HttpRequest request)
    {
        var path = $"{request.PathBase}{request.Path}{request.QueryString}";
        return options.Value.PublicBaseUrl is { Length: > 0 } baseUrl
            ? new Uri($"{baseUrl.TrimEnd('/')}{request.Path}{request.QueryString}")
            : new Uri($"{request.Scheme}://{request.Host}{path}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel}: refused an inbound request from {RemoteAddress} as not genuine: {Reason}")]
    private static partial void LogRejected(ILogger logger, string channel, string? remoteAddress, string reason);
}
