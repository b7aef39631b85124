using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Abstractions.Serialization;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Grains.Hooks;
using CrmPlatform.Grains.Service;
using CrmPlatform.Grains.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace CrmPlatform.Grains.Tests;

/// <summary>
/// Two in-process silos sharing one <see cref="InMemoryEventLog"/> and one <see cref="FakeTimeProvider"/>,
/// configured like the host (customer options, JSON codec for SDK types), plus one
/// <see cref="InMemorySnapshotStore"/>; stream reads go through a <see cref="ReadCountingEventLog"/>.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Where the fake clock starts: a Monday morning, UTC.</summary>
    public static readonly DateTimeOffset Start = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    // Orleans' own maintenance loops keep real time, so advancing the fake clock moves only what grains see.
    private static readonly string[] RealTimeAreas =
    [
        TimeProviderNames.Messaging,
        TimeProviderNames.SystemTimers,
        TimeProviderNames.Membership,
        TimeProviderNames.ActivationManagement,
        TimeProviderNames.GrainDirectory,
    ];

    /// <summary>
    /// Snapshot every this many events: small, so snapshot tests write several, yet above the longest
    /// stream (about 20 events) that the other tests rebuild from the log and count full reads of.
    /// </summary>
    public const int SnapshotEveryEvents = 50;

    private InProcessTestCluster? _cluster;
    private int _nextCustomer;

    public ClusterFixture() => Reads = new ReadCountingEventLog(Log);

    public InMemoryEventLog Log { get; } = new();

    /// <summary>The log as the grains see it, counting what they read.</summary>
    public ReadCountingEventLog Reads { get; }

    public InMemorySnapshotStore Snapshots { get; } = new();

    public ScriptedCommandHooks Hooks { get; } = new();

    public InMemorySlaPolicies SlaPolicies { get; } = new();

    public InMemoryQueueDirectory Queues { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>A customer id no other test uses.</summary>
    public string NewCustomerId(string prefix = "c") => $"{prefix}-{Interlocked.Increment(ref _nextCustomer)}";

    public ICustomerGrain Customer(string id) => Grains.GetGrain<ICustomerGrain>(id);

    /// <summary>Deactivates the customer's activation and waits until it is gone.</summary>
    public Task DeactivateAsync(string id) => Cluster.DeactivateAsync(Customer(id));

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IEventLog>(Reads);
            silo.Services.AddSingleton<ICustomerSnapshotStore>(Snapshots);
            silo.Services.AddSingleton<ICommandHookRunner>(Hooks);
            silo.Services.AddSingleton<ISlaPolicySource>(SlaPolicies);
            silo.Services.AddSingleton<IQueueDirectory>(Queues);
            silo.Services.Configure<SnapshotOptions>(o => o.EveryEvents = SnapshotEveryEvents);
            silo.Services.AddSingleton<TimeProvider>(Clock);
            foreach (var area in RealTimeAreas)
            {
                silo.Services.AddKeyedSingleton(area, TimeProvider.System);
            }

            silo.Services.Configure<CustomerOptions>(TestCustomerOptions.Configure);
            silo.Services.AddCrmSerialization();
        });
        builder.ConfigureClient(client => client.Services.AddCrmSerialization());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

}
