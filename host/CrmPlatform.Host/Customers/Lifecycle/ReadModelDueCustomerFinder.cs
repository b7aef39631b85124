using CrmPlatform.Grains.Lifecycle;
using CrmPlatform.Host.Customers.ReadModel;

namespace CrmPlatform.Host.Customers.Lifecycle;

/// <summary>The read model as the due-date index of the lifecycle rules.</summary>
public sealed class ReadModelDueCustomerFinder(ICustomerReadModel readModel) : IDueCustomerFinder
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindInactiveAsync(DateTimeOffset cutoff, int maxCount, CancellationToken cancellationToken = default) =>
        readModel.FindInactiveAsync(cutoff, maxCount, cancellationToken);
}
