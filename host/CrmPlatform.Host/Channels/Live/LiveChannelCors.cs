namespace CrmPlatform.Host.Channels.Live;

/// <summary>
/// Lets pages of any origin read the answers of the channel routes a browser widget uses
/// (<c>/channels/{channel}/inbound</c>, <c>/live</c> and <c>/assets/…</c>): it adds
/// <c>Access-Control-Allow-Origin: *</c> to them when the request names an origin. No credentials
/// are allowed and none are used — the channel authorises each request by what it carries (a token
/// it issued, a signature) — so any origin is safe. The widget posts <c>text/plain</c> JSON, a
/// simple request: there is no preflight to answer.
/// </summary>
public static class LiveChannelCors
{
    /// <summary>Adds the middleware.</summary>
    public static IApplicationBuilder UseLiveChannelCors(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((http, next) =>
        {
            if (http.Request.Headers.Origin.Count > 0 && IsBrowserRoute(http.Request.Path))
            {
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers.AccessControlAllowOrigin = "*";
                    return Task.CompletedTask;
                });
            }

            return next(http);
        });
    }

    /// <summary>True for <c>/channels/{channel}/inbound</c>, <c>/channels/{channel}/live</c> and <c>/channels/{channel}/assets/{name}</c>.</summary>
    public static bool IsBrowserRoute(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["channels", _, "inbound" or "live"] or ["channels", _, "assets", _];
    }
}
