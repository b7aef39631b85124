using System.Diagnostics;

namespace CrmPlatform.IntegrationTests.Plugins;

/// <summary>
/// A steady command load through the API: interactions on the given customers, started at a fixed
/// rate whatever the answers' speed (open loop), each timed from its scheduled start to its answer.
/// </summary>
internal sealed class PacedLoad(CommandClient client, IReadOnlyList<string> customerIds, string runId)
{
    private int _next;

    /// <summary>Sends <paramref name="rate"/> commands a second for <paramref name="duration"/>; <paramref name="whileRunning"/> runs alongside.</summary>
    public async Task<LoadFigures> RunAsync(double rate, TimeSpan duration, Func<CancellationToken, Task> whileRunning, CancellationToken cancellationToken)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var failures = 0;
        string? firstFailure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sideline = whileRunning(stop.Token);
        var clock = Stopwatch.StartNew();
        var sends = new Task[total];
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var slot = i;
            var n = Interlocked.Increment(ref _next);
            var customer = customerIds[n % customerIds.Count];
            var command = new PlannedCommand(
                n, customer, "interaction", $"api/customers/{customer}/interactions",
                $$"""{"channel":"email","direction":"inbound","subject":"Paced {{n}}"}""", $"paced-{runId}-{n:D6}");
            sends[i] = Task.Run(
                async () =>
                {
                    var answer = await client.SendAsync(command, cancellationToken);
                    latencies[slot] = (clock.Elapsed - due).TotalMilliseconds;
                    if (!answer.IsAcknowledged || answer.Attempts > 1)
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstFailure, $"{answer.StatusCode} after {answer.Attempts} attempts: {answer.Refusal}", null);
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(sends);
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        try
        {
            await sideline;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        Array.Sort(latencies);
        return new LoadFigures(total, total / elapsed.TotalSeconds, Percentile(latencies, 50), Percentile(latencies, 95), Percentile(latencies, 99), latencies[^1], failures, firstFailure);
    }

    private static double Percentile(double[] sorted, double percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>What one run of <see cref="PacedLoad"/> measured (milliseconds).</summary>
internal sealed record LoadFigures(int Commands, double Rate, double P50, double P95, double P99, double Max, int Failures, string? FirstFailure)
{
    public override string ToString() =>
        $"{Commands} commands at {Rate:0}/s: p50 {P50:0.0} ms, p95 {P95:0.0} ms, p99 {P99:0.0} ms, max {Max:0.0} ms, {Failures} failed or retried{(FirstFailure is null ? "" : $" (first: {FirstFailure})")}";
}
