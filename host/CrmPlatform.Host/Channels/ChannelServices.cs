using System.Threading.RateLimiting;
using CrmPlatform.Host.Plugins;
using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Channels;

/// <summary>Registers the platform side of contact channels: options, store, inbound processing and the inbound rate limit.</summary>
public static class ChannelServices
{
    /// <summary>The rate limiting policy of the inbound route: per channel and caller.</summary>
    public const string InboundRateLimit = "channel-inbound";

    /// <summary>Adds the channels' services; the store lives in the database the storage backend gives it.</summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ChannelOptions.SectionName);
        services.AddOptions<ChannelOptions>()
            .Bind(section)
            .Validate(o => o.MaxInboundBytes is >= 1_024 and <= 64 * 1024 * 1024, $"{ChannelOptions.SectionName}:MaxInboundBytes must be from 1024 to 67108864.")
            .Validate(o => o.InboundPermitsPerMinute is >= 1, $"{ChannelOptions.SectionName}:InboundPermitsPerMinute must be at least 1.")
            .Validate(o => o.PublicBaseUrl is null || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), $"{ChannelOptions.SectionName}:PublicBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddStore<IChannelStore>(SqlChannelStore.Schema, (database, _) => new SqlChannelStore(database));
        services.AddSingleton<ChannelDirectory>();
        services.AddSingleton<MessageRequests>();
        services.AddSingleton<IMessageRequester>(sp => sp.GetRequiredService<MessageRequests>());
        services.AddSingleton<ChannelDelivery>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<ChannelDelivery>());
        services.AddSingleton<SenderResolver>();
        services.AddSingleton<InboundRecorder>();
        services.AddSingleton<InboundProcessor>();
        var permits = section.GetValue<int?>(nameof(ChannelOptions.InboundPermitsPerMinute)) ?? new ChannelOptions().InboundPermitsPerMinute;
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, _) =>
            {
                await Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests.",
                        detail: $"At most {permits} inbound requests a minute per channel and caller.")
                    .ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(InboundRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                $"{http.Request.RouteValues["channel"]}|{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }
}
