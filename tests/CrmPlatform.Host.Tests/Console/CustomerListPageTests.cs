using Bunit;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Console;
using CrmPlatform.Host.Console.Components.Pages;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CrmPlatform.Host.Tests.Console;

/// <summary>The customer list's own logic, rendered with bUnit over a read model that answers from memory.</summary>
public sealed class CustomerListPageTests : IAsyncDisposable
{
    private readonly BunitContext _context = new();
    private readonly ListingReadModel _readModel = new();

    public CustomerListPageTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddLocalization();
        _context.Services.AddMudServices();
        _context.Services.AddSingleton<ICustomerReadModel>(_readModel);
        _context.Services.AddSingleton<ConsoleCustomerSearch>();
    }

    [Fact]
    public void Render_NoCustomerAtAll_ShowsTheEmptyStateThatSaysHowToImportAndCreate()
    {
        var page = _context.Render<CustomerListPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=empty-state]")));
        Assert.Contains("import customers", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
        Assert.Contains("POST http://127.0.0.1:5080/api/customers", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=customer-table]"));
    }

    [Fact]
    public void Filter_TextTyped_AsksTheReadModelForItAndShowsTheMatches()
    {
        _readModel.Customers.AddRange([Item("ada", "Ada Lovelace"), Item("grace", "Grace Hopper")]);
        var page = _context.Render<CustomerListPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=customer-link]").Count));

        page.Find("#customer-filter").Input("  hopper ");

        page.WaitForAssertion(() => Assert.Equal(["Grace Hopper"], page.FindAll("[data-testid=customer-link]").Select(a => a.TextContent)), TimeSpan.FromSeconds(5));
        Assert.Equal("hopper", _readModel.Queries[^1].Text);
        Assert.Equal(ConsoleCustomerSearch.PageSize, _readModel.Queries[^1].Limit);
        Assert.Equal("/customers/grace", page.Find("[data-testid=customer-link]").GetAttribute("href"));
    }

    [Fact]
    public void Filter_NothingMatches_SaysSoInsteadOfTheEmptyState()
    {
        _readModel.Customers.Add(Item("ada", "Ada Lovelace"));
        var page = _context.Render<CustomerListPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=customer-link]")));

        page.Find("#customer-filter").Input("zebra");

        page.WaitForAssertion(() => Assert.Contains("zebra", page.Find("[data-testid=no-match]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Empty(page.FindAll("[data-testid=empty-state]"));
    }

    [Fact]
    public void Next_ThenPrevious_PagesOnTheServerByCursor()
    {
        _readModel.Customers.AddRange(Enumerable.Range(1, ConsoleCustomerSearch.PageSize + 3).Select(i => Item($"c{i:000}", $"Customer {i:000}")));
        var page = _context.Render<CustomerListPage>();
        page.WaitForAssertion(() => Assert.Equal(ConsoleCustomerSearch.PageSize, page.FindAll("[data-testid=customer-link]").Count));

        page.FindAll("button").Single(b => b.TextContent.Contains("Next", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=customer-link]").Count));
        var afterNext = _readModel.Queries[^1];
        page.FindAll("button").Single(b => b.TextContent.Contains("Previous", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.Equal(ConsoleCustomerSearch.PageSize, page.FindAll("[data-testid=customer-link]").Count));

        Assert.Equal($"c{ConsoleCustomerSearch.PageSize:000}", afterNext.AfterId);
        Assert.Null(_readModel.Queries[^1].AfterId);
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private static CustomerListItem Item(string id, string name) => new(
        id, CustomerKind.Person, name, $"{id}@example.com", null, null, LifecycleStage.Prospect, null, 0m, 0, null, null, [], null, 1);

    /// <summary>A read model that lists customers from memory (by id, filtered by text) and remembers each query.</summary>
    private sealed class ListingReadModel : ICustomerReadModel
    {
        public List<CustomerListItem> Customers { get; } = [];

        public List<CustomerListQuery> Queries { get; } = [];

        public Task<CustomerPage> ListAsync(CustomerListQuery query, CancellationToken cancellationToken = default)
        {
            Queries.Add(query);
            var rows = Customers
                .Where(c => query.Text is null || c.DisplayName.Contains(query.Text, StringComparison.OrdinalIgnoreCase))
                .Where(c => query.AfterId is null || string.CompareOrdinal(c.Id, query.AfterId) > 0)
                .OrderBy(c => c.Id, StringComparer.Ordinal)
                .Take(query.Limit + 1)
                .ToList();
            var next = rows.Count > query.Limit ? CustomerCursor.Encode(rows[query.Limit - 1].Id) : null;
            return Task.FromResult(new CustomerPage([.. rows.Take(query.Limit)], next));
        }

        public Task<long> GetCheckpointAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task ApplyAsync(IReadOnlyList<EventEnvelope> events, string checkpoint, string baseCurrency, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<string>> FindInactiveAsync(DateTimeOffset cutoff, int maxCount, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<string>> FindByContactAsync(string? email, string? phone, int maxCount, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task ParkAsync(ParkedEvent parked, string checkpoint, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(int maxCount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ParkedEvent?> FindParkedAsync(long position, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> CountParkedAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> RebuildCustomerAsync(
            IReadOnlyList<EventEnvelope> history, long parkedPosition, string checkpoint, string baseCurrency, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
