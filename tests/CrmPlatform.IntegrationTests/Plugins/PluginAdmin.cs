using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmPlatform.IntegrationTests.Plugins;

/// <summary>The plugin API of a running host (<c>/api/plugins</c>), as an administrator uses it.</summary>
internal sealed class PluginAdmin(HttpClient http, Func<Uri> baseAddress, string apiKey)
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Installs a package; fails unless the host answers 201.</summary>
    public async Task InstallAsync(byte[] package, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var response = await SendAsync(HttpMethod.Post, "api/plugins", content, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.Created, "install", cancellationToken);
    }

    /// <summary>Replaces a plugin's settings; fails unless the host answers 204.</summary>
    public async Task SetSettingsAsync(string pluginId, object settings, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(settings, options: JsonSerializerOptions.Web);
        using var response = await SendAsync(HttpMethod.Put, $"api/plugins/{pluginId}/settings", content, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.NoContent, $"settings of {pluginId}", cancellationToken);
    }

    /// <summary>The plugin's status on the silo that answers, and why.</summary>
    public async Task<(string Status, string? Reason)> GetStatusAsync(string pluginId, CancellationToken cancellationToken)
    {
        using var json = await GetJsonAsync($"api/plugins/{pluginId}", cancellationToken);
        var root = json.RootElement;
        return (root.GetProperty("status").GetString()!, root.TryGetProperty("statusReason", out var r) ? r.GetString() : null);
    }

    /// <summary>The plugin's subscription lag.</summary>
    public async Task<Lag> GetLagAsync(string pluginId, CancellationToken cancellationToken)
    {
        using var json = await GetJsonAsync($"api/plugins/{pluginId}/subscription", cancellationToken);
        var root = json.RootElement;
        return new Lag(root.GetProperty("eventsBehind").GetInt64(), root.GetProperty("oldestUndeliveredAgeSeconds").GetDouble(), root.GetProperty("deadLetters").GetInt32());
    }

    /// <summary>Polls the lag until nothing is behind; returns how long that took, or throws with the last lag after <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan> WaitUntilCaughtUpAsync(string pluginId, TimeSpan timeout, CancellationToken cancellationToken, TimeSpan? poll = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var lag = await GetLagAsync(pluginId, cancellationToken);
            if (lag.EventsBehind == 0)
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Plugin {pluginId} is still {lag.EventsBehind} events behind (oldest {lag.OldestAgeSeconds:0.0} s old) after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>GET /health/ready's status code (0 when there was no answer).</summary>
    public async Task<int> GetReadinessAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await http.GetAsync(new Uri(baseAddress(), "health/ready"), deadline.Token);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return 0;
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return JsonDocument.Parse(body);
                }

                if ((int)response.StatusCode < 500 || attempt >= 10)
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
                }
            }
            catch (Exception ex) when (attempt < 10 && (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)))
            {
                // The host is restarting or busy: ask again.
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseAddress(), path)) { Content = content };
        request.Headers.Add("X-Api-Key", apiKey);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AttemptTimeout);
        return await http.SendAsync(request, deadline.Token);
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>A subscription's lag as the API shows it.</summary>
    internal sealed record Lag(long EventsBehind, double OldestAgeSeconds, int DeadLetters);
}
