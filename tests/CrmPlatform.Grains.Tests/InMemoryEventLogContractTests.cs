using CrmPlatform.Grains.EventLog;
using CrmPlatform.Tests.EventLogContract;

namespace CrmPlatform.Grains.Tests;

/// <summary>
/// The event-log contract on the in-memory log the grain tests run on: if it behaved unlike the
/// durable logs, the grain tests would prove nothing.
/// </summary>
public sealed class InMemoryEventLogContractTests : EventLogContractTests
{
    protected override Task<IEventLog> CreateAsync(int partitionCount) => Task.FromResult<IEventLog>(new InMemoryEventLog(partitionCount));
}
