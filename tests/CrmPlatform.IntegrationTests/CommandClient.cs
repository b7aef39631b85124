using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace CrmPlatform.IntegrationTests;

/// <summary>
/// A client that sends a command until the host acknowledges it: every failed or unanswered attempt
/// (connection refused or reset, timeout, 5xx) is retried with the same idempotency key, against
/// whichever host <paramref name="baseAddress"/> names for that attempt (the running host, or the
/// next silo of a cluster).
/// </summary>
internal sealed class CommandClient(HttpClient http, Func<Uri> baseAddress, string apiKey)
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, int> _retryReasons = new(StringComparer.Ordinal);
    private long _attempts;
    private long _lastRetryTimestamp;

    /// <summary>Attempts sent so far, all commands together.</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>When an attempt last failed (a <see cref="System.Diagnostics.Stopwatch"/> timestamp; 0 if none did).</summary>
    public long LastRetryTimestamp => Interlocked.Read(ref _lastRetryTimestamp);

    /// <summary>Why attempts were retried, with counts: for example <c>connection=120, timeout=3, 503=2</c>.</summary>
    public string RetryReasons => _retryReasons.IsEmpty
        ? "none"
        : string.Join(", ", _retryReasons.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>Sends <paramref name="command"/> until it gets an answer that is not a transient failure.</summary>
    public async Task<Acknowledgement> SendAsync(PlannedCommand command, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Interlocked.Increment(ref _attempts);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress(), command.Path))
            {
                Content = new StringContent(command.Body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Api-Key", apiKey);
            request.Headers.Add("Idempotency-Key", command.IdempotencyKey);
            // One correlation id per attempt: the log then shows which attempt wrote the events.
            request.Headers.Add("X-Correlation-Id", $"{command.IdempotencyKey}.a{attempt}");
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(AttemptTimeout);
            try
            {
                using var response = await http.SendAsync(request, deadline.Token);
                var body = await response.Content.ReadAsStringAsync(deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    using var json = JsonDocument.Parse(body);
                    var root = json.RootElement;
                    var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
                    return new Acknowledgement(
                        command, (int)response.StatusCode, root.GetProperty("status").GetString(),
                        root.GetProperty("firstSequence").GetInt64(), root.GetProperty("lastSequence").GetInt64(), replayed, attempt, null);
                }

                if (!IsTransient(response.StatusCode, body))
                {
                    return new Acknowledgement(command, (int)response.StatusCode, null, 0, 0, false, attempt, body);
                }

                CountRetry(((int)response.StatusCode).ToString());
            }
            catch (HttpRequestException)
            {
                // Refused or reset: the host is down or restarting.
                CountRetry("connection");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // No answer in time: the outcome is unknown, so send it again.
                CountRetry("timeout");
            }
            catch (JsonException)
            {
                // A 2xx body cut short by the kill.
                CountRetry("truncated");
            }

            await Task.Delay(Math.Min(50 * attempt, 500), cancellationToken);
        }
    }

    /// <summary>Gets a resource (safe to retry); returns its JSON.</summary>
    public async Task<string> GetAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress(), path));
            request.Headers.Add("X-Api-Key", apiKey);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(AttemptTimeout);
            try
            {
                using var response = await http.SendAsync(request, deadline.Token);
                var body = await response.Content.ReadAsStringAsync(deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }

                if (!IsTransient(response.StatusCode, body) || attempt >= 20)
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
                }
            }
            catch (Exception ex) when (attempt < 20 && (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)))
            {
                // Try again.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void CountRetry(string reason)
    {
        _retryReasons.AddOrUpdate(reason, 1, (_, n) => n + 1);
        Interlocked.Exchange(ref _lastRetryTimestamp, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// 5xx, 408 and 429 are worth another attempt, and so is the 409 a grain gives when its stream
    /// moved on under it ("retry the command"); any other answer is final.
    /// </summary>
    private static bool IsTransient(HttpStatusCode status, string body) =>
        (int)status >= 500
        || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || (status == HttpStatusCode.Conflict && body.Contains("concurrently", StringComparison.Ordinal));
}
