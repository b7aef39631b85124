using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Sdk.Testing;

/// <content>Calling a plugin's channels and reports.</content>
public sealed partial class PluginTestHost
{
    /// <summary>Hands <paramref name="message"/> to the plugin's <see cref="IChannel"/> named <paramref name="channel"/>, in a DI scope of its own.</summary>
    public Task<SendResult> SendAsync(string channel, OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return InScopeAsync(
            provider => Single(provider.GetServices<IChannel>(), c => c.Descriptor.Name, channel, "channel"),
            c => c.SendAsync(message, cancellationToken));
    }

    /// <summary>Asks the plugin's <see cref="IChannelInbound"/> for <paramref name="channel"/> whether <paramref name="request"/> is genuine.</summary>
    public Task<InboundVerification> VerifyInboundAsync(string channel, InboundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InScopeAsync(
            provider => Single(provider.GetServices<IChannelInbound>(), c => c.ChannelName, channel, "inbound channel"),
            c => c.VerifyAsync(request, cancellationToken));
    }

    /// <summary>Has the plugin's <see cref="IChannelInbound"/> for <paramref name="channel"/> parse <paramref name="request"/>.</summary>
    public Task<InboundResult> ParseInboundAsync(string channel, InboundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InScopeAsync(
            provider => Single(provider.GetServices<IChannelInbound>(), c => c.ChannelName, channel, "inbound channel"),
            c => c.ParseAsync(request, cancellationToken));
    }

    /// <summary>Builds the plugin's <see cref="IReport"/> named <paramref name="name"/>.</summary>
    public Task<ReportTable> BuildReportAsync(string name, ReportQuery? query = null, CancellationToken cancellationToken = default) =>
        InScopeAsync(
            provider => Single(provider.GetServices<IReport>(), r => r.Name, name, "report"),
            r => r.BuildAsync(query ?? new ReportQuery(new Dictionary<string, string>()), cancellationToken));

    private async Task<TResult> InScopeAsync<TPart, TResult>(Func<IServiceProvider, TPart> resolve, Func<TPart, Task<TResult>> call)
    {
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await call(resolve(scope.ServiceProvider)).ConfigureAwait(false);
        }
    }

    private T Single<T>(IEnumerable<T> parts, Func<T, string> nameOf, string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        var all = parts.ToList();
        return all.FirstOrDefault(p => nameOf(p) == name)
            ?? throw new InvalidOperationException(
                $"Plugin '{Manifest.Id}' has no {kind} named '{name}'; it has {(all.Count == 0 ? "none" : string.Join(", ", all.Select(p => $"'{nameOf(p)}'")))}.");
    }
}
