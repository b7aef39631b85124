using CrmPlatform.Grains.Service;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Host.Service;

/// <summary>What the case and queue grains read from the service module: SLA plans from the policies and calendars, queues and their loads.</summary>
internal sealed class ServiceDirectory(ServiceConfigStore config, CaseStore cases) : ISlaPolicySource, IQueueDirectory
{
    /// <inheritdoc />
    public async Task<SlaPlan?> FindAsync(CasePriority priority, string? tier, CancellationToken cancellationToken = default)
    {
        var policies = await config.ListAsync<SlaPolicyDefinition>(ServiceConfigStore.SlaPolicy, cancellationToken);
        var best = policies
            .Where(p => (p.Definition.Priorities is not { Count: > 0 } priorities || priorities.Contains(priority))
                && (p.Definition.Tiers is not { Count: > 0 } tiers || (tier is not null && tiers.Contains(tier, StringComparer.OrdinalIgnoreCase))))
            .OrderByDescending(p => (p.Definition.Tiers is { Count: > 0 } ? 2 : 0) + (p.Definition.Priorities is { Count: > 0 } ? 1 : 0))
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => ((string, SlaPolicyDefinition)?)p)
            .FirstOrDefault();
        return best is { } found ? await PlanAsync(found.Item1, found.Item2, cancellationToken) : null;
    }

    /// <inheritdoc />
    public async Task<SlaPlan?> GetAsync(string policyId, CancellationToken cancellationToken = default) =>
        await config.FindAsync<SlaPolicyDefinition>(ServiceConfigStore.SlaPolicy, policyId, cancellationToken) is { } policy
            ? await PlanAsync(policyId, policy, cancellationToken)
            : null;

    /// <inheritdoc />
    async Task<QueueDefinition?> IQueueDirectory.GetAsync(string queueId, CancellationToken cancellationToken) =>
        await config.FindAsync<QueueRequest>(ServiceConfigStore.Queue, queueId, cancellationToken) is { } queue
            ? new QueueDefinition(queueId, queue.Name ?? queueId, queue.Members ?? [], queue.Strategy ?? AssignmentStrategy.RoundRobin, queue.MaxActivePerAgent)
            : null;

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> LoadsAsync(string queueId, CancellationToken cancellationToken = default) =>
        cases.LoadsAsync(queueId, cancellationToken);

    /// <summary>A calendar from its definition (validated when it was saved).</summary>
    public static BusinessCalendar ToCalendar(CalendarDefinition definition) => new(
        TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZone!),
        (definition.Hours ?? []).ToDictionary(h => h.Day!.Value, h => new WorkingHours(h.Start!.Value.ToTimeSpan(), h.End!.Value.ToTimeSpan())),
        definition.Holidays ?? []);

    private async Task<SlaPlan> PlanAsync(string id, SlaPolicyDefinition policy, CancellationToken cancellationToken)
    {
        var calendar = policy.CalendarId is { } calendarId
            && await config.FindAsync<CalendarDefinition>(ServiceConfigStore.Calendar, calendarId, cancellationToken) is { } definition
            ? ToCalendar(definition)
            : BusinessCalendar.AlwaysOpen;
        var targets = new Dictionary<SlaMetric, TimeSpan>();
        if (policy.FirstResponseMinutes is { } first)
        {
            targets[SlaMetric.FirstResponse] = TimeSpan.FromMinutes(first);
        }

        if (policy.ResolutionMinutes is { } resolution)
        {
            targets[SlaMetric.Resolution] = TimeSpan.FromMinutes(resolution);
        }

        return new SlaPlan(id, calendar, targets, (policy.WarnAtPercent ?? 75) / 100.0);
    }
}
