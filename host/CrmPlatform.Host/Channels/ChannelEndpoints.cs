using System.Security.Claims;
using System.Text.Json;
using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Security;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Channels;

/// <summary>
/// The channels' routes: the providers' webhook (<c>POST /channels/{channel}/inbound</c>, no API
/// key, rate limited per channel and caller) and, under <c>/api/channels</c>, the enabled channels,
/// the inbound requests refused as forged, and the ambiguous senders an agent resolves.
/// </summary>
public static class ChannelEndpoints
{
    /// <summary>Maps the providers' webhook route.</summary>
    public static IEndpointRouteBuilder MapChannelInbound(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/channels/{channel}/inbound", (string channel, HttpContext http, InboundProcessor processor) =>
                processor.HandleAsync(channel, http, http.RequestAborted))
            .AllowAnonymous()
            .RequireRateLimiting(ChannelServices.InboundRateLimit)
            .WithTags("Channels")
            .WithName("ChannelInbound")
            .WithSummary("A provider's webhook: inbound messages and delivery receipts")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <summary>Maps the admin routes under <c>/api/channels</c>.</summary>
    public static RouteGroupBuilder MapChannels(this RouteGroupBuilder channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        channels.MapGet("", (ChannelDirectory directory) => Results.Ok(directory.List().Select(c => new
        {
            name = c.Descriptor.Name,
            plugin = c.PluginId,
            addressKind = JsonNamingPolicy.CamelCase.ConvertName(c.Descriptor.AddressKind.ToString()),
            maxLength = c.Descriptor.Capabilities.MaxLength,
            inbound = c.Inbound,
        }))).RequireAuthorization(CrmPolicies.Read).WithName("ListChannels").WithSummary("The enabled channels");

        channels.MapGet("/rejections", async (string? channel, int? limit, IChannelStore store, CancellationToken ct) =>
            Results.Ok(await store.ListRejectionsAsync(channel, Math.Clamp(limit ?? 100, 1, 1_000), ct)))
            .RequireAuthorization(CrmPolicies.Admin).WithName("ListInboundRejections").WithSummary("Inbound requests refused as not genuine, and dropped unknown senders");

        channels.MapGet("/flags", async (bool? open, IChannelStore store, CancellationToken ct) =>
            Results.Ok((await store.ListFlagsAsync(open ?? true, 1_000, ct)).Select(View)))
            .RequireAuthorization(CrmPolicies.Read).WithName("ListSenderFlags").WithSummary("Inbound messages whose sender matched several customers");

        channels.MapPost("/flags/{channel}/{providerMessageId}/resolve", ResolveAsync)
            .RequireAuthorization(CrmPolicies.Write).WithName("ResolveSenderFlag").WithSummary("Record a flagged message on the customer an agent chose")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return channels;
    }

    private static async Task<IResult> ResolveAsync(
        string channel, string providerMessageId, ResolveFlagRequest body, HttpContext http, IChannelStore store, InboundRecorder recorder, TimeProvider time)
    {
        var ct = http.RequestAborted;
        if (await store.FindFlagAsync(channel, providerMessageId, ct) is not { } flag)
        {
            return ApiProblems.NotFound($"No sender of '{providerMessageId}' on '{channel}' is flagged.");
        }

        if (body.CustomerId is not { } customerId || !flag.Candidates.Contains(customerId, StringComparer.Ordinal))
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["customerId"] = [$"Must be one of the candidates: {string.Join(", ", flag.Candidates)}."],
            });
        }

        if (flag.ResolvedTo is { } resolved && resolved != customerId)
        {
            return ApiProblems.Conflict($"The flag was already resolved to '{resolved}'.");
        }

        var message = JsonSerializer.Deserialize<InboundMessage>(flag.MessageJson, CustomerEventJson.Options)!;
        await recorder.RecordOnCustomerAsync(channel, customerId, message, ct);
        await store.ResolveFlagAsync(channel, providerMessageId, customerId, $"api-key:{http.User.FindFirstValue(ClaimTypes.NameIdentifier)}", time.GetUtcNow(), ct);
        return Results.Ok(View(await store.FindFlagAsync(channel, providerMessageId, ct) ?? flag));
    }

    private static object View(SenderFlag flag) => new
    {
        flag.Channel,
        flag.ProviderMessageId,
        flag.Candidates,
        flag.Sender,
        flag.FlaggedAt,
        flag.ResolvedTo,
        flag.ResolvedBy,
        flag.ResolvedAt,
    };
}
