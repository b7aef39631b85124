using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmPlatform.Host.Kernel;
using CrmPlatform.Sdk.Channels;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Channels.Live;

/// <summary>
/// The browser-facing routes of live channels (web chat): <c>GET /channels/{channel}/assets/{name}</c>
/// serves a channel's public file with an entity tag and a short public cache lifetime;
/// <c>GET /channels/{channel}/live</c> streams, as Server-Sent Events, the messages of the identity
/// the channel authorises (the event id is the customer stream's sequence, so a reconnecting
/// <c>EventSource</c> resumes where it stopped). No API key: the channel decides.
/// </summary>
public static class LiveEndpoints
{
    private const string LastEventId = "Last-Event-ID";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps both routes.</summary>
    public static IEndpointRouteBuilder MapChannelLive(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/channels/{channel}/assets/{name}", AssetAsync)
            .AllowAnonymous().WithTags("Channels").WithName("ChannelAsset").WithSummary("A live channel's public file (the web chat widget)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/channels/{channel}/live", LiveAsync)
            .AllowAnonymous().WithTags("Channels").WithName("ChannelLive").WithSummary("Server-Sent Events: the messages of one identity of a live channel, both ways")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> AssetAsync(string channel, string name, HttpContext http, LiveChannels live, IOptions<LiveChannelOptions> options)
    {
        var call = await live.GetAssetAsync(channel, name, http.RequestAborted);
        if (call.UnavailableBecause is { } reason)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The channel is not available.", detail: reason);
        }

        if (call.Value is not { } asset)
        {
            return ApiProblems.NotFound(call.Found ? $"Channel '{channel}' has no asset '{name}'." : $"No enabled live channel is called '{channel}'.");
        }

        var body = Encoding.UTF8.GetBytes(asset.Body);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = $"public, max-age={(int)options.Value.AssetMaxAge.TotalSeconds}";
        headers.XContentTypeOptions = "nosniff";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return asset.StatusCode == StatusCodes.Status200OK
            ? Results.Bytes(body, asset.ContentType)
            : Results.Text(asset.Body, asset.ContentType, Encoding.UTF8, asset.StatusCode);
    }

    private static async Task<IResult> LiveAsync(string channel, HttpContext http, LiveChannels live, LiveTranscript transcript, IOptions<LiveChannelOptions> options)
    {
        var ct = http.RequestAborted;
        var after = 0L;
        if (http.Request.Headers[LastEventId].ToString() is { Length: > 0 } lastEventId
            && (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [LastEventId] = ["Must be the id of an event this stream sent (a whole number)."],
            });
        }

        var request = new InboundRequest(
            new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}"),
            http.Request.Method,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            null,
            ReadOnlyMemory<byte>.Empty);
        var call = await live.AuthorizeAsync(channel, request, ct);
        if (call.UnavailableBecause is { } reason)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The channel is not available.", detail: reason);
        }

        if (!call.Found || call.Value is null)
        {
            return ApiProblems.NotFound($"No enabled live channel is called '{channel}'.");
        }

        if (call.Value.Identity is not { } identity)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The stream is not allowed.", detail: call.Value.Reason);
        }

        await StreamAsync(http.Response, transcript.FollowAsync(channel, identity, after, options.Value.Heartbeat, ct), ct);
        return Results.Empty;
    }

    private static async Task StreamAsync(HttpResponse response, IAsyncEnumerable<LiveEntry> entries, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await response.WriteAsync("retry: 3000\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            await foreach (var entry in entries)
            {
                var frame = entry.IsHeartbeat
                    ? ": keep-alive\n\n"
                    : $"id: {entry.Sequence.ToString(CultureInfo.InvariantCulture)}\ndata: {JsonSerializer.Serialize(new { entry.Id, entry.From, entry.Text, entry.At }, Json)}\n\n";
                await response.WriteAsync(frame, cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser went away (or the host is stopping); EventSource reconnects with Last-Event-ID.
        }
    }
}
