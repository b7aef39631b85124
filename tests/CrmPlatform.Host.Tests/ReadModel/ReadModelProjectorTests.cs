using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Host.ReadModel;
using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CrmPlatform.Host.Tests.Infrastructure.Events;

namespace CrmPlatform.Host.Tests.ReadModel;

public sealed class ReadModelProjectorTests : IAsyncDisposable
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();
    private readonly SqliteEventLog _log;
    private readonly SqliteReadModel _model;

    public ReadModelProjectorTests()
    {
        _log = new SqliteEventLog(Path.Combine(_directory, "events.db"), new SqliteEventLogOptions(), NullLogger<SqliteEventLog>.Instance);
        _model = new SqliteReadModel(Path.Combine(_directory, "readmodel.db"));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        CrmTestHost.TryDelete(_directory);
    }

    [Fact]
    public async Task WaitForAsync_EventsAppendedWhileRunning_ReadModelReflectsThem()
    {
        using var projector = NewProjector();
        await projector.StartAsync(Cancel);
        await _log.AppendAsync("ada", 0, [Envelope("ada", 1, Person("Ada", "Lovelace")), Envelope("ada", 2, new OrderPlaced("o1", 12.5m, "EUR", []))], Cancel);
        await _log.AppendAsync("bob", 0, [Envelope("bob", 1, Person("Bob", "Builder"))], Cancel);

        var head = await _log.GetHeadPositionAsync(Cancel);
        await projector.WaitForAsync(head, TimeSpan.FromSeconds(20), Cancel);
        await projector.StopAsync(Cancel);

        var page = await _model.ListAsync(new CustomerListQuery(null, null, null, null, null, null, 10), Cancel);
        Assert.Equal(["ada", "bob"], page.Items.Select(i => i.Id));
        Assert.Equal(12.5m, page.Items[0].Revenue);
        Assert.Equal(head, projector.Position);
        Assert.Equal(head, await _model.GetCheckpointAsync(ReadModelProjector.CheckpointName, Cancel));
    }

    [Fact]
    public async Task ExecuteAsync_Restarted_ResumesFromCheckpointWithoutCountingTwice()
    {
        await _log.AppendAsync("ada", 0, [Envelope("ada", 1, Person("Ada", "Lovelace")), Envelope("ada", 2, new OrderPlaced("o1", 10m, "EUR", []))], Cancel);
        using (var first = NewProjector())
        {
            await first.StartAsync(Cancel);
            await first.WaitForAsync(await _log.GetHeadPositionAsync(Cancel), TimeSpan.FromSeconds(20), Cancel);
            await first.StopAsync(Cancel);
        }

        var checkpoint = await _model.GetCheckpointAsync(ReadModelProjector.CheckpointName, Cancel);
        await _log.AppendAsync("ada", 2, [Envelope("ada", 3, new OrderPlaced("o2", 5m, "EUR", []))], Cancel);
        using var second = NewProjector();
        await second.StartAsync(Cancel);
        await second.WaitForAsync(await _log.GetHeadPositionAsync(Cancel), TimeSpan.FromSeconds(20), Cancel);
        await second.StopAsync(Cancel);

        Assert.Equal(2, checkpoint);
        var ada = Assert.Single((await _model.ListAsync(new CustomerListQuery(null, null, null, null, null, null, 10), Cancel)).Items);
        Assert.Equal(15m, ada.Revenue);
        Assert.Equal(2, ada.OrderCount);
        Assert.Equal(3, ada.Version);
    }

    [Fact]
    public async Task WaitForAsync_PositionNeverReached_ThrowsWhenTheTimeoutPasses()
    {
        using var projector = NewProjector();
        await projector.StartAsync(Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => projector.WaitForAsync(1, TimeSpan.FromMilliseconds(50), Cancel));

        await projector.StopAsync(Cancel);
    }

    private ReadModelProjector NewProjector() =>
        new(_log, _model, Options.Create(new CustomerOptions()), NullLogger<ReadModelProjector>.Instance);
}
