using System.Globalization;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Hooks;
using CrmPlatform.Sdk.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Sdk.Testing;

/// <content>Running command hooks and scheduled jobs.</content>
public sealed partial class PluginTestHost
{
    /// <summary>
    /// Runs the plugin's command hooks for a command that would write <paramref name="events"/>: for
    /// each event type among them, in order of first appearance, every <see cref="ICommandHook{TEvent}"/>
    /// of that type sees the first such event. A hook that throws counts as its <see cref="ICommandHook{TEvent}.OnFailure"/> says.
    /// </summary>
    /// <param name="customerId">The customer the command is for.</param>
    /// <param name="before">The customer before the command; null when the command registers it.</param>
    /// <param name="events">The events the command would write, in order.</param>
    public async Task<HookRunResult> RunHooksAsync(string customerId, CustomerSnapshot? before, params ICustomerEvent[] events)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Length == 0)
        {
            throw new ArgumentException("A command writes at least one event.", nameof(events));
        }

        var input = new HookInput(customerId, before, [.. events], _actor);
        var outcomes = new List<HookOutcome>();
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            foreach (var eventType in events.Select(e => e.GetType()).Distinct())
            {
                _ = CustomerEventTypes.NameOf(eventType);
                outcomes.AddRange(await PluginInvoker.RunHooksAsync(scope.ServiceProvider, eventType, input, CancellationToken.None).ConfigureAwait(false));
            }
        }

        return new HookRunResult(outcomes);
    }

    /// <summary>
    /// Runs a scheduled job once, now by <see cref="Time"/>, in a DI scope of its own; its writes are
    /// keyed <c>plugin:{pluginId}:job:{jobName}:{startedAt:O}:{n}</c>. Exceptions reach the test.
    /// </summary>
    /// <param name="name">The name the plugin gave the job.</param>
    /// <param name="cancellationToken">Passed to the job.</param>
    public async Task<JobRunResult> RunJobAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var job = Jobs.FirstOrDefault(j => j.Name == name)
            ?? throw new InvalidOperationException(
                $"Plugin '{Manifest.Id}' has no job named '{name}'; it has {(Jobs.Count == 0 ? "none" : string.Join(", ", Jobs.Select(j => $"'{j.Name}'")))}.");
        var startedAt = Time.GetUtcNow();
        var calls = new List<CrmCall>();
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var instance = (IScheduledJob)scope.ServiceProvider.GetRequiredService(job.JobType);
            var crm = Session(string.Create(CultureInfo.InvariantCulture, $"job:{name}:{startedAt:O}"), calls);
            await instance.RunAsync(new JobContext(name, startedAt, crm), cancellationToken).ConfigureAwait(false);
        }

        return new JobRunResult(name, startedAt, calls);
    }
}
