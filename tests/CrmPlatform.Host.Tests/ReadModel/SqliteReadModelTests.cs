using CrmPlatform.Host.ReadModel;
using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Host.Tests.Infrastructure.Events;

namespace CrmPlatform.Host.Tests.ReadModel;

public sealed class SqliteReadModelTests : IDisposable
{
    private const string Checkpoint = "test.customers";
    private readonly string _directory = CrmTestHost.CreateTempDirectory();
    private long _position;

    private string Path => System.IO.Path.Combine(_directory, "readmodel.db");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => CrmTestHost.TryDelete(_directory);

    [Fact]
    public async Task ApplyAsync_CustomerEvents_RowReflectsThem()
    {
        var model = new SqliteReadModel(Path);
        var ada = new Stream("ada", this);
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
                ada.Next(new ProfileUpdated(null, "Byron", null, "Analytical Engines", ["new@example.com"], null, null), T0 + (8 * day)),
            ],
            Checkpoint,
            "EUR",
            Cancel);

        var item = Assert.Single((await model.ListAsync(Query(), Cancel)).Items);
        Assert.Equal("ada", item.Id);
        Assert.Equal(CustomerKind.Person, item.Kind);
        Assert.Equal("Ada Byron", item.DisplayName);
        Assert.Equal("new@example.com", item.PrimaryEmail);
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
        var model = new SqliteReadModel(Path);
        var org = new Stream("org", this);

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
        var model = new SqliteReadModel(Path);
        var ada = new Stream("ada", this);
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
        var model = new SqliteReadModel(Path);
        var ada = new Stream("ada", this);
        Assert.Equal(0, await model.GetCheckpointAsync(Checkpoint, Cancel));
        await model.ApplyAsync([ada.Next(Person("Ada", "Lovelace")), ada.Next(new OrderPlaced("o1", 10m, "EUR", []))], Checkpoint, "EUR", Cancel);

        var reopened = new SqliteReadModel(Path);

        Assert.Equal(_position, await reopened.GetCheckpointAsync(Checkpoint, Cancel));
        Assert.Equal(0, await reopened.GetCheckpointAsync("another", Cancel));
        var item = Assert.Single((await reopened.ListAsync(Query(), Cancel)).Items);
        Assert.Equal(10m, item.Revenue);
    }

    [Fact]
    public async Task ListAsync_Filters_ReturnOnlyMatchingCustomers()
    {
        var model = await SeedDirectoryAsync();

        Assert.Equal(["c-growth-gold", "c-growth-silver"], await IdsAsync(model, Query(stage: LifecycleStage.Growth)));
        Assert.Equal(["c-growth-gold", "c-maturity-gold"], await IdsAsync(model, Query(tier: "Gold")));
        Assert.Equal(["c-growth-gold", "c-prospect"], await IdsAsync(model, Query(tag: "vip")));
        Assert.Equal(["c-growth-silver", "c-maturity-gold"], await IdsAsync(model, Query(owner: "bob")));
        Assert.Equal(["c-growth-gold"], await IdsAsync(model, Query(stage: LifecycleStage.Growth, tag: "vip")));
        Assert.Empty(await IdsAsync(model, Query(stage: LifecycleStage.Decline)));
        Assert.Empty(await IdsAsync(model, Query(tag: "VIP")));
        Assert.Empty(await IdsAsync(model, Query(tag: "'; DROP TABLE customers; --")));
        Assert.Empty(await IdsAsync(model, Query(owner: "\" OR 1=1 --")));
        Assert.Equal(5, (await IdsAsync(model, Query())).Length);
    }

    [Theory]
    [InlineData("zoë", "c-maturity-gold")]
    [InlineData("ÅNGSTRÖM", "c-maturity-gold")]
    [InlineData("李 小龍", "c-growth-silver")]
    [InlineData("小龍", "c-growth-silver")]
    [InlineData("LOVELACE", "c-growth-gold")]
    [InlineData("EXAMPLE.ORG", "c-prospect")]
    [InlineData("contoso", "c-org")]
    [InlineData("+44 20", "c-growth-gold")]
    [InlineData("%", "c-org")]
    public async Task ListAsync_Text_MatchesNameEmailPhoneOrCompanyInAnyCase(string text, string expected)
    {
        var model = await SeedDirectoryAsync();

        Assert.Equal([expected], await IdsAsync(model, Query(text: text)));
    }

    [Fact]
    public async Task ListAsync_CursorPagination_VisitsEveryCustomerOnce()
    {
        var model = new SqliteReadModel(Path);
        var events = Enumerable.Range(0, 25).SelectMany(i =>
        {
            var stream = new Stream($"page-{i:D2}", this);
            return new[] { stream.Next(Person($"First{i}", "Paged")), stream.Next(Tag(i % 2 == 0 ? "even" : "odd")) };
        }).ToArray();
        await model.ApplyAsync(events, Checkpoint, "EUR", Cancel);

        var all = await PageThroughAsync(model, Query(limit: 7), expectedPages: 4);
        var even = await PageThroughAsync(model, Query(tag: "even", limit: 5), expectedPages: 3);

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"page-{i:D2}"), all);
        Assert.Equal(Enumerable.Range(0, 13).Select(i => $"page-{i * 2:D2}"), even);
        Assert.Equal("page-06", CustomerCursor.Decode(CustomerCursor.Encode("page-06")));
        Assert.Null(CustomerCursor.Decode("!!not a cursor!!"));
    }

    [Fact]
    public async Task FindInactiveAsync_GrowthOrMaturityQuietSinceCutoff_AreDue()
    {
        var model = new SqliteReadModel(Path);
        var day = TimeSpan.FromDays(1);
        var quietGrowth = new Stream("a-quiet-growth", this);
        var recentOrder = new Stream("b-recent-order", this);
        var prospect = new Stream("c-prospect", this);
        var declined = new Stream("d-declined", this);
        var recentStage = new Stream("e-recent-stage", this);
        var quietMaturity = new Stream("f-quiet-maturity", this);
        await model.ApplyAsync(
            [
                quietGrowth.Next(Person("A", "A"), T0), quietGrowth.Next(new OrderPlaced("o", 1m, "EUR", []), T0), quietGrowth.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth), T0),
                recentOrder.Next(Person("B", "B"), T0), recentOrder.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth), T0), recentOrder.Next(new OrderPlaced("o", 1m, "EUR", []), T0 + (100 * day)),
                prospect.Next(Person("C", "C"), T0),
                declined.Next(Person("D", "D"), T0), declined.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth), T0), declined.Next(Stage(LifecycleStage.Growth, LifecycleStage.Decline), T0),
                recentStage.Next(Person("E", "E"), T0), recentStage.Next(new OrderPlaced("o", 1m, "EUR", []), T0), recentStage.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth), T0), recentStage.Next(Stage(LifecycleStage.Growth, LifecycleStage.Maturity), T0 + (60 * day)),
                quietMaturity.Next(Person("F", "F"), T0), quietMaturity.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth), T0), quietMaturity.Next(Stage(LifecycleStage.Growth, LifecycleStage.Maturity), T0),
            ],
            Checkpoint,
            "EUR",
            Cancel);

        Assert.Empty(await model.FindInactiveAsync(T0 - TimeSpan.FromTicks(1), 100, Cancel));
        Assert.Equal(["a-quiet-growth", "f-quiet-maturity"], await model.FindInactiveAsync(T0, 100, Cancel));
        Assert.Equal(["a-quiet-growth", "f-quiet-maturity"], await model.FindInactiveAsync(T0 + (50 * day), 100, Cancel));
        Assert.Equal(["a-quiet-growth", "e-recent-stage", "f-quiet-maturity"], await model.FindInactiveAsync(T0 + (60 * day), 100, Cancel));
        Assert.Equal(["a-quiet-growth", "b-recent-order", "e-recent-stage", "f-quiet-maturity"], await model.FindInactiveAsync(T0 + (1000 * day), 100, Cancel));
        Assert.Equal(["a-quiet-growth"], await model.FindInactiveAsync(T0 + (1000 * day), 1, Cancel));
    }

    private async Task<SqliteReadModel> SeedDirectoryAsync()
    {
        var model = new SqliteReadModel(Path);
        var gold = new Stream("c-growth-gold", this);
        var silver = new Stream("c-growth-silver", this);
        var mature = new Stream("c-maturity-gold", this);
        var prospect = new Stream("c-prospect", this);
        var org = new Stream("c-org", this);
        await model.ApplyAsync(
            [
                gold.Next(new CustomerRegistered(CustomerKind.Person, "Ada", "Lovelace", null, null, ["ada@example.com"], ["+44 20 7946 0000"], new Dictionary<string, System.Text.Json.JsonElement>(), null)),
                gold.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth)),
                gold.Next(new InsightUpdated("value-tier", null, "Gold", "test")),
                gold.Next(Tag("vip")),
                gold.Next(new OwnerAssigned("alice", null)),
                silver.Next(Person("李", "小龍", "bruce@example.com")),
                silver.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth)),
                silver.Next(new InsightUpdated("value-tier", null, "Silver", "test")),
                silver.Next(new OwnerAssigned("bob", null)),
                mature.Next(Person("Zoë", "Ångström", "zoe@example.com")),
                mature.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth)),
                mature.Next(Stage(LifecycleStage.Growth, LifecycleStage.Maturity)),
                mature.Next(new InsightUpdated("value-tier", null, "Gold", "test")),
                mature.Next(new OwnerAssigned("bob", null)),
                prospect.Next(Person("Pat", "Prospect", "pat@example.org")),
                prospect.Next(Tag("vip")),
                org.Next(new CustomerRegistered(CustomerKind.Organisation, null, null, "Contoso 100% Ltd", null, [], [], new Dictionary<string, System.Text.Json.JsonElement>(), null)),
            ],
            Checkpoint,
            "EUR",
            Cancel);
        return model;
    }

    private static CustomerListQuery Query(
        LifecycleStage? stage = null, string? tier = null, string? tag = null, string? owner = null, string? text = null, string? afterId = null, int limit = 100) =>
        new(stage, tier, tag, owner, text, afterId, limit);

    private static async Task<string[]> IdsAsync(SqliteReadModel model, CustomerListQuery query) =>
        (await model.ListAsync(query, Cancel)).Items.Select(i => i.Id).ToArray();

    private static async Task<List<string>> PageThroughAsync(SqliteReadModel model, CustomerListQuery first, int expectedPages)
    {
        var ids = new List<string>();
        var query = first;
        var pages = 0;
        while (true)
        {
            var page = await model.ListAsync(query, Cancel);
            pages++;
            Assert.True(page.Items.Count <= first.Limit);
            ids.AddRange(page.Items.Select(i => i.Id));
            if (page.NextCursor is null)
            {
                break;
            }

            Assert.Equal(first.Limit, page.Items.Count);
            query = query with { AfterId = CustomerCursor.Decode(page.NextCursor) };
        }

        Assert.Equal(expectedPages, pages);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        return ids;
    }

    /// <summary>Numbers one customer's events and gives them increasing log positions.</summary>
    private sealed class Stream(string customerId, SqliteReadModelTests owner)
    {
        private long _sequence;

        public EventEnvelope Next(ICustomerEvent e, DateTimeOffset? at = null) =>
            Envelope(customerId, ++_sequence, e, at ?? T0, ++owner._position);
    }
}
