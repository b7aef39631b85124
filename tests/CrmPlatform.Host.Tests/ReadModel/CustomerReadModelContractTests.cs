using System.Globalization;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Host.Tests.Infrastructure.Events;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>
/// What every <see cref="ICustomerReadModel"/> must do, whatever keeps it: each backend's test class
/// derives from this one and says how to open its store.
/// </summary>
public abstract partial class CustomerReadModelContractTests : IAsyncLifetime
{
    protected const string Checkpoint = "test.customers";
    private long _position;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Opens the store under test, empty the first time; a later call opens the same store again, as after a restart.</summary>
    protected abstract Task<ICustomerReadModel> OpenAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ApplyAsync_CustomerEvents_RowReflectsThem()
    {
        var model = await OpenAsync();
        var ada = new EventSequence("ada", this);
        var day = TimeSpan.FromDays(1);

        await model.ApplyAsync(
            [
                ada.Next(Person("Ada", "Lovelace", "ada@example.com", "second@example.com"), T0),
                ada.Next(new OrderPlaced("o1", 100m, "EUR", []), T0 + day),
                ada.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth), T0 + day),
                ada.Next(new OrderPlaced("o2", 50m, "USD", []), T0 + (2 * day)),
                ada.Next(new OrderPlaced("o3", 25.5m, "EUR", []), T0 + (3 * day)),
                ada.Next(new OrderCancelled("o1", 100m, "EUR", "changed mind"), T0 + (4 * day)),
                ada.Next(new TagsChanged(["vip", "b2b"], []), T0 + (5 * day)),
                ada.Next(new TagsChanged(["newsletter"], ["b2b"]), T0 + (5 * day)),
                ada.Next(new OwnerAssigned("alice", null), T0 + (5 * day)),
                ada.Next(new InsightUpdated("value-tier", null, "Gold", "analytics"), T0 + (6 * day)),
                ada.Next(new InsightUpdated("churn-risk", 0.9, "High", "analytics"), T0 + (7 * day)),
                ada.Next(new ProfileUpdated(null, "Byron", null, "Analytical Engines", ["new@example.com"], ["+44 20 7946 0001", "+44 20 7946 0002"], null), T0 + (8 * day)),
            ],
            Checkpoint,
            "EUR",
            Cancel);

        var item = Assert.Single((await model.ListAsync(Query(), Cancel)).Items);
        Assert.Equal("ada", item.Id);
        Assert.Equal(CustomerKind.Person, item.Kind);
        Assert.Equal("Ada Byron", item.DisplayName);
        Assert.Equal("new@example.com", item.PrimaryEmail);
        Assert.Equal("+44 20 7946 0001", item.PrimaryPhone);
        Assert.Equal("Analytical Engines", item.Company);
        Assert.Equal(LifecycleStage.Growth, item.Stage);
        Assert.Equal(25.5m, item.Revenue);
        Assert.Equal(2, item.OrderCount);
        Assert.Equal(T0 + (3 * day), item.LastOrderAt);
        Assert.Equal(T0 + (8 * day), item.LastActivityAt);
        Assert.Equal(["newsletter", "vip"], item.Tags);
        Assert.Equal("alice", item.Owner);
        Assert.Equal("Gold", item.Tier);
        Assert.Equal(12, item.Version);
        Assert.Equal(_position, await model.GetCheckpointAsync(Checkpoint, Cancel));
    }

    [Fact]
    public async Task ApplyAsync_Organisation_ShowsOrganisationNameAndOwnerCanBeCleared()
    {
        var model = await OpenAsync();
        var org = new EventSequence("org", this);

        await model.ApplyAsync([org.Next(Organisation("Contoso Ltd")), org.Next(new OwnerAssigned("bob", null))], Checkpoint, "EUR", Cancel);
        await model.ApplyAsync([org.Next(new OwnerAssigned(null, "bob"))], Checkpoint, "EUR", Cancel);

        var item = Assert.Single((await model.ListAsync(Query(), Cancel)).Items);
        Assert.Equal(CustomerKind.Organisation, item.Kind);
        Assert.Equal("Contoso Ltd", item.DisplayName);
        Assert.Null(item.Owner);
        Assert.Equal(3, item.Version);
    }

    [Fact]
    public async Task ApplyAsync_SameBatchTwice_IsHarmless()
    {
        var model = await OpenAsync();
        var ada = new EventSequence("ada", this);
        EventEnvelope[] batch =
        [
            ada.Next(Person("Ada", "Lovelace")),
            ada.Next(new OrderPlaced("o1", 40m, "EUR", [])),
            ada.Next(new TagsChanged(["vip"], [])),
        ];

        await model.ApplyAsync(batch, Checkpoint, "EUR", Cancel);
        await model.ApplyAsync(batch, Checkpoint, "EUR", Cancel);
        await model.ApplyAsync(batch[1..], Checkpoint, "EUR", Cancel);

        var item = Assert.Single((await model.ListAsync(Query(), Cancel)).Items);
        Assert.Equal(40m, item.Revenue);
        Assert.Equal(1, item.OrderCount);
        Assert.Equal(["vip"], item.Tags);
        Assert.Equal(3, item.Version);
        Assert.Equal(batch[^1].Position, await model.GetCheckpointAsync(Checkpoint, Cancel));
    }

    [Fact]
    public async Task GetCheckpointAsync_AfterReopen_ReturnsLastAppliedPositionAndKeepsRows()
    {
        var model = await OpenAsync();
        var ada = new EventSequence("ada", this);
        Assert.Equal(0, await model.GetCheckpointAsync(Checkpoint, Cancel));
        await model.ApplyAsync([ada.Next(Person("Ada", "Lovelace")), ada.Next(new OrderPlaced("o1", 10m, "EUR", []))], Checkpoint, "EUR", Cancel);

        var reopened = await OpenAsync();

        Assert.Equal(_position, await reopened.GetCheckpointAsync(Checkpoint, Cancel));
        Assert.Equal(0, await reopened.GetCheckpointAsync("another", Cancel));
        var item = Assert.Single((await reopened.ListAsync(Query(), Cancel)).Items);
        Assert.Equal(10m, item.Revenue);
    }

    [Fact]
    public async Task ApplyAsync_TimesWithOffsets_ComeBackAsTheSameInstantsInUtc()
    {
        var model = await OpenAsync();
        var ada = new EventSequence("ada", this);
        var registered = new DateTimeOffset(2025, 3, 1, 11, 30, 15, TimeSpan.FromHours(2)).AddTicks(1_234_560);
        var ordered = new DateTimeOffset(2025, 3, 2, 8, 0, 0, TimeSpan.FromHours(-5)).AddTicks(10);

        await model.ApplyAsync([ada.Next(Person("Ada", "Lovelace"), registered), ada.Next(new OrderPlaced("o1", 1m, "EUR", []), ordered)], Checkpoint, "EUR", Cancel);

        var item = Assert.Single((await model.ListAsync(Query(), Cancel)).Items);
        Assert.Equal(ordered.UtcTicks, item.LastOrderAt?.UtcTicks);
        Assert.Equal(TimeSpan.Zero, item.LastOrderAt?.Offset);
        Assert.Equal(ordered.UtcTicks, item.LastActivityAt?.UtcTicks);
        Assert.Equal(TimeSpan.Zero, item.LastActivityAt?.Offset);
        Assert.Empty(await model.FindInactiveAsync(registered, 10, Cancel));
    }

    [Fact]
    public async Task ApplyAsync_AmountsWithTrailingZeros_RevenueHasNoTrailingZeros()
    {
        var model = await OpenAsync();
        var ada = new EventSequence("ada", this);

        await model.ApplyAsync([ada.Next(Person("Ada", "Lovelace")), ada.Next(new OrderPlaced("o1", 10.50m, "EUR", [])), ada.Next(new OrderPlaced("o2", 0.25m, "EUR", []))], Checkpoint, "EUR", Cancel);
        await model.ApplyAsync([ada.Next(new OrderPlaced("o3", 1234567.25m, "EUR", []))], Checkpoint, "EUR", Cancel);

        var item = Assert.Single((await model.ListAsync(Query(), Cancel)).Items);
        Assert.Equal("1234578", item.Revenue.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(3, item.OrderCount);
    }

    protected static CustomerListQuery Query(
        LifecycleStage? stage = null, string? tier = null, string? tag = null, string? owner = null, string? text = null, string? afterId = null, int limit = 100) =>
        new(stage, tier, tag, owner, text, afterId, limit);

    /// <summary>Numbers one customer's events and gives them increasing log positions.</summary>
    protected sealed class EventSequence(string customerId, CustomerReadModelContractTests owner)
    {
        private long _sequence;

        public EventEnvelope Next(ICustomerEvent e, DateTimeOffset? at = null) =>
            Envelope(customerId, ++_sequence, e, at ?? T0, ++owner._position);
    }
}
