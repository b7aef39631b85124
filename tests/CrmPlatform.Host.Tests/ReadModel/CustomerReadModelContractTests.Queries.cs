using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Host.Tests.Infrastructure.Events;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>The read-model contract, part two: lists, filters, search, pagination and the due-date index.</summary>
public abstract partial class CustomerReadModelContractTests
{
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
        var model = await OpenAsync();
        var events = Enumerable.Range(0, 25).SelectMany(i =>
        {
            var stream = new EventSequence($"page-{i:D2}", this);
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
    public async Task ListAsync_IdsDifferingInCaseAndAccents_OrderedByCodePointAcrossPages()
    {
        var model = await OpenAsync();
        string[] ids = ["b", "B", "a-2", "a", "A", "a-10", "é", "z", "Z", "_", "a_b"];
        await model.ApplyAsync(ids.Select(id => new EventSequence(id, this).Next(Person(id, "X"))).ToArray(), Checkpoint, "EUR", Cancel);

        var visited = await PageThroughAsync(model, Query(limit: 3), expectedPages: 4);

        Assert.Equal(ids.Order(StringComparer.Ordinal), visited);
    }

    [Fact]
    public async Task ListAsync_FiltersWithNulCharacter_MatchNothing()
    {
        var model = await SeedDirectoryAsync();

        Assert.Empty(await IdsAsync(model, Query(text: "ada\0")));
        Assert.Empty(await IdsAsync(model, Query(tag: "vip\0")));
        Assert.Empty(await IdsAsync(model, Query(owner: "bob\0x")));
        Assert.Empty(await IdsAsync(model, Query(tier: "\0")));
        Assert.Equal(["c-growth-silver", "c-maturity-gold", "c-org", "c-prospect"], await IdsAsync(model, Query(afterId: "c-growth-gold\0")));
    }

    [Fact]
    public async Task FindInactiveAsync_GrowthOrMaturityQuietSinceCutoff_AreDue()
    {
        var model = await OpenAsync();
        var day = TimeSpan.FromDays(1);
        var quietGrowth = new EventSequence("a-quiet-growth", this);
        var recentOrder = new EventSequence("b-recent-order", this);
        var prospect = new EventSequence("c-prospect", this);
        var declined = new EventSequence("d-declined", this);
        var recentStage = new EventSequence("e-recent-stage", this);
        var quietMaturity = new EventSequence("f-quiet-maturity", this);
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

    [Fact]
    public async Task FindInactiveAsync_CutoffWithinTheSameMicrosecond_IsDueOnlyFromTheChangeOn()
    {
        var model = await OpenAsync();
        var ada = new EventSequence("ada", this);
        var changed = T0.AddTicks(1_234_560);
        await model.ApplyAsync([ada.Next(Person("Ada", "Lovelace"), T0), ada.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth), changed)], Checkpoint, "EUR", Cancel);

        Assert.Empty(await model.FindInactiveAsync(changed - TimeSpan.FromTicks(1), 10, Cancel));
        Assert.Equal(["ada"], await model.FindInactiveAsync(changed, 10, Cancel));
        Assert.Equal(["ada"], await model.FindInactiveAsync(changed + TimeSpan.FromTicks(1), 10, Cancel));
    }

    private async Task<ICustomerReadModel> SeedDirectoryAsync()
    {
        var model = await OpenAsync();
        var gold = new EventSequence("c-growth-gold", this);
        var silver = new EventSequence("c-growth-silver", this);
        var mature = new EventSequence("c-maturity-gold", this);
        var prospect = new EventSequence("c-prospect", this);
        var org = new EventSequence("c-org", this);
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

    protected static async Task<string[]> IdsAsync(ICustomerReadModel model, CustomerListQuery query) =>
        (await model.ListAsync(query, Cancel)).Items.Select(i => i.Id).ToArray();

    private static async Task<List<string>> PageThroughAsync(ICustomerReadModel model, CustomerListQuery first, int expectedPages)
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
}
