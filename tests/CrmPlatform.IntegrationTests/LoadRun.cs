using System.Diagnostics;

namespace CrmPlatform.IntegrationTests;

/// <summary>
/// Runs a <see cref="CommandPlan"/> with concurrent workers — registrations first, then the mix —
/// while the hosts are crashed (see <see cref="ICrashTarget"/>) whenever the acknowledged count
/// passes a threshold. Reports progress every few seconds and stops early if a host dies on its own.
/// </summary>
internal sealed class LoadRun(CommandClient client, ICrashTarget hosts, int workers, Action<string> log)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    private readonly Stopwatch _clock = new();
    private int _acknowledged;

    /// <summary>How long the load took.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Sends every command until answered; crashes the hosts at each of <paramref name="killThresholds"/>.</summary>
    public async Task<IReadOnlyList<Acknowledgement>> RunAsync(CommandPlan plan, IReadOnlyList<int> killThresholds, CancellationToken cancellationToken)
    {
        var answers = new Acknowledgement[plan.Registrations.Count + plan.Changes.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _clock.Start();
        var send = SendAllAsync(plan, answers, stop.Token);
        var crash = Guard(CrashAsync(killThresholds, stop.Token), stop);
        var watch = Guard(WatchAsync(send, stop.Token), stop);
        try
        {
            await Task.WhenAll(send, crash, watch);
        }
        catch when (crash.IsFaulted || watch.IsFaulted)
        {
            // The reason the load was stopped, not the cancellation it caused.
            await (crash.IsFaulted ? crash : watch);
        }

        _clock.Stop();
        return answers;
    }

    private async Task SendAllAsync(CommandPlan plan, Acknowledgement[] answers, CancellationToken cancellationToken)
    {
        foreach (var phase in (IReadOnlyList<PlannedCommand>[])[plan.Registrations, plan.Changes])
        {
            await Parallel.ForEachAsync(
                phase,
                new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
                async (command, ct) =>
                {
                    answers[command.Index] = await client.SendAsync(command, ct);
                    Interlocked.Increment(ref _acknowledged);
                });
            log($"{phase.Count} {(phase == plan.Registrations ? "registrations" : "changes")} answered");
        }
    }

    private async Task CrashAsync(IReadOnlyList<int> thresholds, CancellationToken cancellationToken)
    {
        var random = new Random(thresholds[0]);
        foreach (var threshold in thresholds)
        {
            while (Volatile.Read(ref _acknowledged) < threshold)
            {
                await Task.Delay(5, cancellationToken);
            }

            // A little later than the threshold, so the kill lands at an arbitrary point of a group commit.
            await Task.Delay(random.Next(0, 100), cancellationToken);
            log($"killing a host at {Volatile.Read(ref _acknowledged)} acknowledged commands, {client.Attempts} attempts sent");
            await hosts.CrashAsync(cancellationToken);
        }
    }

    private async Task WatchAsync(Task send, CancellationToken cancellationToken)
    {
        var last = (Count: 0, At: TimeSpan.Zero);
        while (!send.IsCompleted)
        {
            await Task.WhenAny(send, Task.Delay(ProgressInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            hosts.ThrowIfExitedUnexpectedly();
            var (count, at) = (Volatile.Read(ref _acknowledged), _clock.Elapsed);
            log($"progress: {count} acknowledged, {client.Attempts} attempts, " +
                $"{(count - last.Count) / Math.Max((at - last.At).TotalSeconds, 0.001):0} commands/s, {hosts.Kills} kills");
            last = (count, at);
        }
    }

    /// <summary>Stops the whole load when <paramref name="task"/> fails.</summary>
    private static async Task Guard(Task task, CancellationTokenSource stop)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await stop.CancelAsync();
            throw;
        }
    }
}
