using System.Net;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Host.Tests.Reports;

/// <summary>
/// One platform on a fake clock, shared by a test class, with three customers whose history is known:
/// ann and bob register on 10 January 2025, cat on 5 February; ann is terminated on 5 February and
/// won back (Growth) on 20 March; cat is terminated on 3 March; now is 2 April 09:00 UTC.
/// </summary>
public sealed class CohortHostFixture : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 10, 9, 0, 0, TimeSpan.Zero));
    private CrmTestHost? _host;

    public CrmTestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public DateTimeOffset Now => _time.GetUtcNow();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The lifecycle rules' tick never fires while the clock jumps months.
        _host = await CrmTestHost.StartAsync(extraArgs: ["--Crm:Lifecycle:Interval=45.00:00:00"], time: _time);
        await RegisterAsync("ann");
        await RegisterAsync("bob");
        At(2025, 2, 5);
        await ChangeStageAsync("ann", "terminated");
        await RegisterAsync("cat");
        At(2025, 3, 3);
        await ChangeStageAsync("cat", "terminated");
        At(2025, 3, 20);
        await ChangeStageAsync("ann", "growth");
        At(2025, 4, 2);
        var head = await Host.GetService<IEventLog>().GetHeadPositionAsync(Cancel);
        await Host.GetService<ReadModelProjector>().WaitForAsync(head, TimeSpan.FromSeconds(20), Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private void At(int year, int month, int day) => _time.SetUtcNow(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.Zero));

    private async Task RegisterAsync(string id) =>
        await (await Host.Admin.PostJsonAsync("api/customers", Http.Json(new { id, firstName = "Cohort", lastName = id }))).ExpectAsync(HttpStatusCode.Created);

    private async Task ChangeStageAsync(string id, string to) =>
        await (await Host.Admin.PostJsonAsync($"api/customers/{id}/stage", Http.Json(new { to, reason = "report test" }))).ExpectAsync(HttpStatusCode.OK);
}
