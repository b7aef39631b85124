using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Customers.ReadModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmPlatform.Host.Hosting;

/// <summary>Ready when the event log and the read model answer.</summary>
public sealed class StorageHealthCheck(IEventLog log, ICustomerReadModel readModel) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var head = await log.GetHeadPositionAsync(cancellationToken);
            var projected = await readModel.GetCheckpointAsync(ReadModelProjector.CheckpointName, cancellationToken);
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["logHead"] = head, ["readModelPosition"] = projected });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Storage does not answer.", ex);
        }
    }
}
