using CrmPlatform.Grains.Service;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Tests;

/// <summary>SLA policies for the test cluster: one plan per priority, set by the tests.</summary>
public sealed class InMemorySlaPolicies : ISlaPolicySource
{
    private readonly Dictionary<CasePriority, SlaPlan> _plans = [];
    private readonly Lock _lock = new();

    public void Set(CasePriority priority, SlaPlan plan)
    {
        lock (_lock)
        {
            _plans[priority] = plan;
        }
    }

    public Task<SlaPlan?> FindAsync(CasePriority priority, string? tier, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_plans.GetValueOrDefault(priority));
        }
    }

    public Task<SlaPlan?> GetAsync(string policyId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_plans.Values.FirstOrDefault(p => p.PolicyId == policyId));
        }
    }
}
