namespace CrmPlatform.Host.Channels.Live;

/// <summary>Registers the live routes' services: options, the calls to live channels and the transcript follower.</summary>
public static class LiveChannelServices
{
    /// <summary>Adds the services of <c>/channels/{channel}/assets</c> and <c>/channels/{channel}/live</c>.</summary>
    public static IServiceCollection AddLiveChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveChannelOptions>()
            .Bind(configuration.GetSection(LiveChannelOptions.SectionName))
            .Validate(o => o.Heartbeat >= TimeSpan.FromSeconds(1) && o.Heartbeat <= TimeSpan.FromMinutes(5), $"{LiveChannelOptions.SectionName}:Heartbeat must be from 1 second to 5 minutes.")
            .Validate(o => o.AssetMaxAge >= TimeSpan.Zero && o.AssetMaxAge <= TimeSpan.FromDays(1), $"{LiveChannelOptions.SectionName}:AssetMaxAge must be from 0 to 1 day.")
            .ValidateOnStart();
        services.AddSingleton<LiveChannels>();
        services.AddSingleton<LiveTranscript>();
        return services;
    }
}
