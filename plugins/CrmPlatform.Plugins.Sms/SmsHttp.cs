using System.Net.Http.Headers;

namespace CrmPlatform.Plugins.Sms;

/// <summary>Builds the plugin's one <see cref="HttpClient"/>.</summary>
internal static class SmsHttp
{
    /// <summary>The User-Agent of every request to the provider.</summary>
    public static ProductInfoHeaderValue UserAgent { get; } = new("CrmPlatform-Sms", "1.0");

    /// <summary>
    /// A client whose connections are recycled every two minutes (so DNS changes are seen), that
    /// never follows redirects and leaves time-outs to the caller (<see cref="SmsSettings.TimeoutSeconds"/>).
    /// It makes one attempt per call: the platform retries failed sends with backoff.
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
