using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CrmPlatform.Host.Tests.Infrastructure.Events;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>
/// The projector over each read-model backend (the subclasses say which); the log is always the
/// embedded one, which is all the projector needs of a log.
/// </summary>
public abstract class ReadModelProjectorTests : IAsyncLifetime
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();
    private readonly SqliteEventLog _log;
    private ICustomerReadModel _model = null!;

    protected ReadModelProjectorTests()
    {
        _log = new SqliteEventLog(Path.Combine(_directory, "events.db"), new SqliteEventLogOptions(), NullLogger<SqliteEventLog>.Instance);
    }

    /// <summary>A directory the test class may use; deleted afterwards.</summary>
    protected string DataDirectory => _directory;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _model = await OpenModelAsync();

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        (_model as IDisposable)?.Dispose();
        CrmTestHost.TryDelete(_directory);
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens an empty read model.</summary>
    protected abstract Task<ICustomerReadModel> OpenModelAsync();

    [Fact]
    public async Task WaitForAsync_EventsAppendedWhileRunning_ReadModelReflectsThem()
    {
        using var projector = NewProjector();
        await projector.StartAsync(Cancel);
        await _log.AppendAsync("ada", 0, [Envelope("ada", 1, Person("Ada", "Lovelace")), Envelope("ada", 2, new OrderPlaced("o1", 12.5m, "EUR", []))], Cancel);
        var head = (await _log.AppendAsync("bob", 0, [Envelope("bob", 1, Person("Bob", "Builder"))], Cancel))[^1];

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
        // Wait for the positions the appends return: the SQLite log may publish its head a moment after an append completes.
        var written = await _log.AppendAsync("ada", 0, [Envelope("ada", 1, Person("Ada", "Lovelace")), Envelope("ada", 2, new OrderPlaced("o1", 10m, "EUR", []))], Cancel);
        using (var first = NewProjector())
        {
            await first.StartAsync(Cancel);
            await first.WaitForAsync(written[^1], TimeSpan.FromSeconds(20), Cancel);
            await first.StopAsync(Cancel);
        }

        var checkpoint = await _model.GetCheckpointAsync(ReadModelProjector.CheckpointName, Cancel);
        written = await _log.AppendAsync("ada", 2, [Envelope("ada", 3, new OrderPlaced("o2", 5m, "EUR", []))], Cancel);
        using var second = NewProjector();
        await second.StartAsync(Cancel);
        await second.WaitForAsync(written[^1], TimeSpan.FromSeconds(20), Cancel);
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

    [Fact]
    public async Task ExecuteAsync_PoisonEvent_IsParkedAfterTheRetriesAndLaterCustomersKeepUpdating()
    {
        var poisoned = new PoisonedReadModel(_model, e => e.Event is ProfileUpdated { Company: "Poison Ltd" });
        await _log.AppendAsync("ada", 0, [Envelope("ada", 1, Person("Ada", "Lovelace"))], Cancel);
        var bob = await _log.AppendAsync("bob", 0,
            [
                Envelope("bob", 1, Person("Bob", "Builder")),
                Envelope("bob", 2, new ProfileUpdated(null, null, null, "Poison Ltd", null, null, null)),
                Envelope("bob", 3, new OrderPlaced("o1", 10m, "EUR", [])),
            ],
            Cancel);
        using var projector = NewProjector(poisoned);
        await projector.StartAsync(Cancel);
        await projector.WaitForAsync(bob[^1], TimeSpan.FromSeconds(20), Cancel);
        var carol = await _log.AppendAsync("carol", 0, [Envelope("carol", 1, Person("Carol", "Danvers"))], Cancel);
        await projector.WaitForAsync(carol[^1], TimeSpan.FromSeconds(20), Cancel);
        await projector.StopAsync(Cancel);

        var parked = Assert.Single(await _model.ListParkedAsync(10, Cancel));
        Assert.Equal((bob[1], "bob", "crm.customer.profile-updated.v1", 3), (parked.Position, parked.CustomerId, parked.EventType, parked.Attempts));
        Assert.Contains("cannot apply", parked.Error, StringComparison.Ordinal);
        Assert.Equal(1 + 3, poisoned.Failures);
        Assert.Equal(carol[^1], await _model.GetCheckpointAsync(ReadModelProjector.CheckpointName, Cancel));
        var page = await _model.ListAsync(new CustomerListQuery(null, null, null, null, null, null, 10), Cancel);
        Assert.Equal(["ada", "bob", "carol"], page.Items.Select(i => i.Id));
        Assert.Null(page.Items[1].Company);
        Assert.Equal(1, page.Items[1].OrderCount);
    }

    [Fact]
    public async Task RetryAllAsync_AfterTheFix_AppliesTheParkedEventAndEmptiesTheList()
    {
        var poisoned = new PoisonedReadModel(_model, e => e.Event is ProfileUpdated { Company: "Poison Ltd" });
        var bob = await _log.AppendAsync("bob", 0,
            [
                Envelope("bob", 1, Person("Bob", "Builder")),
                Envelope("bob", 2, new ProfileUpdated(null, null, null, "Poison Ltd", null, null, null)),
                Envelope("bob", 3, new OrderPlaced("o1", 10m, "EUR", [])),
            ],
            Cancel);
        using var projector = NewProjector(poisoned);
        await projector.StartAsync(Cancel);
        await projector.WaitForAsync(bob[^1], TimeSpan.FromSeconds(20), Cancel);
        await projector.StopAsync(Cancel);
        var retrier = new ParkedEventRetrier(_log, poisoned, Options.Create(new CustomerOptions()));
        var failed = await retrier.RetryAllAsync(Cancel);

        poisoned.Fixed = true;
        var retried = await retrier.RetryAllAsync(Cancel);

        Assert.Equal((0, bob[1]), (failed.Applied, Assert.Single(failed.Failed).Position));
        Assert.Equal(1, retried.Applied);
        Assert.Empty(retried.Failed);
        Assert.Empty(await _model.ListParkedAsync(10, Cancel));
        Assert.Equal(0, await _model.CountParkedAsync(Cancel));
        var row = Assert.Single((await _model.ListAsync(new CustomerListQuery(null, null, null, null, null, null, 10), Cancel)).Items);
        Assert.Equal(("Poison Ltd", 1, 10m, 3L), (row.Company, row.OrderCount, row.Revenue, row.Version));
    }

    private ReadModelProjector NewProjector(ICustomerReadModel? model = null) =>
        new(
            _log,
            model ?? _model,
            Options.Create(new CustomerOptions()),
            Options.Create(new ReadModelOptions { RetryDelay = TimeSpan.Zero }),
            TimeProvider.System,
            NullLogger<ReadModelProjector>.Instance);
}
