using System.Net.Http.Headers;

namespace CrmPlatform.Plugins.Webhooks;

/// <summary>Builds the plugin's one <see cref="HttpClient"/>.</summary>
internal static class WebhookHttp
{
    /// <summary>The User-Agent of every delivery.</summary>
    public static ProductInfoHeaderValue UserAgent { get; } = new("CrmPlatform-Webhooks", "1.0");

    /// <summary>
    /// A client whose connections are recycled every two minutes (so DNS changes are seen), that
    /// never follows redirects (a redirected POST is a failed delivery) and that leaves time-outs to
    /// the caller (<see cref="WebhookSettings.TimeoutSeconds"/>).
    /// </summary>
    public static HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(UserAgent);
        return client;
    }
}
