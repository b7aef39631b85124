using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CrmPlatform.Benchmarks;

internal sealed record ClosedLoopResult(int Workers, Usage Usage, Latencies Latencies, long Errors, string? FirstError)
{
    public double RequestsPerSecond => Latencies.Count / Usage.Elapsed.TotalSeconds;
}

internal sealed record OpenLoopResult(
    double TargetRate, long Scheduled, long Completed, long Errors, long Dropped, long MaxOutstanding,
    Usage Usage, Latencies Latencies, string? FirstError)
{
    public double AchievedRate => Completed / Usage.Elapsed.TotalSeconds;
}

/// <summary>The REST API on loopback: an HttpClient in this process against the platform's Kestrel.</summary>
internal sealed class HttpBenchmark : IDisposable
{
    private static readonly byte[] InteractionBody = Encoding.UTF8.GetBytes("""{"channel":"email","direction":"inbound","subject":"hi"}""");
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _client;
    private readonly string[] _customerIds;
    private readonly string[] _paths;

    public HttpBenchmark(PlatformHost host, int customers, int maxConnections)
    {
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
        })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _client.DefaultRequestHeaders.Add("X-Api-Key", host.AdminKey);
        _customerIds = [.. Enumerable.Range(0, customers).Select(i => Workload.CustomerId("http", i))];
        _paths = [.. _customerIds.Select(id => $"/api/customers/{id}/interactions")];
    }

    /// <summary>Registers the run's customers through <c>POST /api/customers</c>.</summary>
    public async Task<TimeSpan> RegisterAsync(int workers)
    {
        var watch = Stopwatch.StartNew();
        await Workers.RunAsync(workers, async worker =>
        {
            for (var c = worker; c < _customerIds.Length; c += workers)
            {
                var body = Encoding.UTF8.GetBytes($$"""{"id":"{{_customerIds[c]}}","firstName":"Ada","lastName":"Lovelace-{{c}}"}""");
                using var content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
                using var response = await _client.PostAsync("/api/customers", content);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException(
                        $"Registering {_customerIds[c]} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        });
        return watch.Elapsed;
    }

    /// <summary><paramref name="workers"/> workers each send one request after another for <paramref name="duration"/>.</summary>
    public async Task<ClosedLoopResult> RunClosedLoopAsync(int workers, TimeSpan duration)
    {
        var perWorker = new List<long>[workers];
        var errors = 0L;
        string? firstError = null;
        GC.Collect();
        var meter = ProcessMeter.Now();
        var deadline = meter.Timestamp + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Workers.RunAsync(workers, async worker =>
        {
            var latencies = perWorker[worker] = new List<long>(capacity: 16_384);
            var next = worker;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                var error = await PostInteractionAsync(next);
                if (error is null)
                {
                    latencies.Add(Stopwatch.GetTimestamp() - started);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }

                // Each worker cycles through its own customers, so no two workers queue on one grain.
                next = (next + workers) % _customerIds.Length;
            }
        });
        var usage = meter.Elapsed();
        return new ClosedLoopResult(workers, usage, new Latencies(perWorker.SelectMany(l => l)), errors, firstError);
    }

    /// <summary>
    /// Sends requests at fixed intervals whatever the completions, and measures each latency from
    /// the time the request was due (so a stall counts against every request it delays).
    /// </summary>
    public async Task<OpenLoopResult> RunOpenLoopAsync(double rate, TimeSpan duration, int maxOutstanding)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / rate;
        var latencies = new long[total];
        var tasks = new List<Task>((int)total);
        var errors = 0L;
        var dropped = 0L;
        var outstanding = 0L;
        var maxSeen = 0L;
        string? firstError = null;

        async Task SendAsync(long index, long due)
        {
            try
            {
                var error = await PostInteractionAsync((int)(index % _customerIds.Length));
                latencies[index] = Stopwatch.GetTimestamp() - due;
                if (error is not null)
                {
                    latencies[index] = -1;
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
            finally
            {
                Interlocked.Decrement(ref outstanding);
            }
        }

        GC.Collect();
        var meter = ProcessMeter.Now();
        var start = meter.Timestamp;

        // A dedicated thread keeps the schedule; it sleeps ~1 ms between checks and sends everything due.
        var dispatcher = new Thread(() =>
        {
            long index = 0;
            while (index < total)
            {
                var now = Stopwatch.GetTimestamp();
                while (index < total && start + (long)(index * interval) <= now)
                {
                    var due = start + (long)(index * interval);
                    if (Interlocked.Read(ref outstanding) >= maxOutstanding)
                    {
                        latencies[index] = -1;
                        dropped++;
                    }
                    else
                    {
                        var current = Interlocked.Increment(ref outstanding);
                        maxSeen = Math.Max(maxSeen, current);
                        tasks.Add(SendAsync(index, due));
                    }

                    index++;
                }

                Thread.Sleep(1);
            }
        })
        {
            IsBackground = true,
            Name = "open-loop dispatcher",
        };
        dispatcher.Start();
        await Task.Run(dispatcher.Join);
        await Task.WhenAll(tasks);
        var usage = meter.Elapsed();
        var completed = latencies.Where(l => l >= 0).ToArray();
        return new OpenLoopResult(rate, total, completed.Length, errors, dropped, maxSeen, usage, new Latencies(completed), firstError);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Posts one interaction; null on success, else what went wrong.</summary>
    private async Task<string?> PostInteractionAsync(int customer)
    {
        try
        {
            using var content = new ByteArrayContent(InteractionBody) { Headers = { ContentType = Json } };
            using var response = await _client.PostAsync(_paths[customer], content);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                await response.Content.CopyToAsync(Stream.Null);
                return null;
            }

            return $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }
}
