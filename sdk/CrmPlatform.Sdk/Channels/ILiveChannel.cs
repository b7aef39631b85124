namespace CrmPlatform.Sdk.Channels;

/// <summary>
/// The inbound side of a channel whose customers talk to the platform directly from a browser (web
/// chat) instead of through a provider: its address kind is <see cref="ChannelAddressKind.ChannelIdentity"/>,
/// the browser posts to the inbound route (<c>/channels/{channel}/inbound</c>), loads the channel's
/// public files from <c>GET /channels/{channel}/assets/{name}</c> and follows the conversation of
/// one identity in real time from <c>GET /channels/{channel}/live</c> (Server-Sent Events). The
/// platform owns those routes, the cross-origin headers (any origin, no credentials), caching and
/// the stream; the channel only answers for its files and says who may follow which identity.
/// The platform finds it by scanning, like any <see cref="IChannelInbound"/>.
/// </summary>
public interface ILiveChannel : IChannelInbound
{
    /// <summary>
    /// A public file of the channel (a script, a style sheet), or null when there is none of that
    /// name. The platform serves it with the response's status and content type, an entity tag
    /// and a short public cache lifetime.
    /// </summary>
    /// <param name="name">The last segment of the path, for example <c>widget.js</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<InboundResponse?> GetAssetAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Decides whether a request to follow a conversation live may do so (typically by checking a
    /// token the channel issued with the identity), and which identity it follows. The platform
    /// then streams the messages of that identity on this channel: those it received from it and
    /// those it sent to it.
    /// </summary>
    /// <param name="request">The <c>GET</c> request, with its query string and headers (no body).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LiveAuthorization> AuthorizeLiveAsync(InboundRequest request, CancellationToken cancellationToken);
}
