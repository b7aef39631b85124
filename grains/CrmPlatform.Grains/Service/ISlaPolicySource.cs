using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Service;

/// <summary>Where case grains find the SLA policies (the service module's configuration, kept by the host).</summary>
public interface ISlaPolicySource
{
    /// <summary>The policy for a case of this priority from a customer of this value tier (null when none), or null when none applies.</summary>
    Task<SlaPlan?> FindAsync(CasePriority priority, string? tier, CancellationToken cancellationToken = default);

    /// <summary>The policy with this id, or null when it was removed.</summary>
    Task<SlaPlan?> GetAsync(string policyId, CancellationToken cancellationToken = default);
}
