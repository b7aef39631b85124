using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Import;

/// <summary>Order imports through the real host.</summary>
public sealed class OrderImportTests : IAsyncLifetime
{
    private const string Mapping = """
        {"columns":{"Customer":"customerId","Order":"orderId","Total":"amount","Cur":"currency","Date":"placedAt","Sku":"sku","Qty":"quantity","Price":"unitPrice","Lines":"lines"}}
        """;

    private CrmTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await CrmTestHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Import_Orders_PlacesGoodOnesReportsBadOnesAndReplaysOnRerun()
    {
        await _host.Admin.ImportAsync("customers", """{"columns":{"Id":["id","lastName"]}}""", "Id\nbuyer\n");
        var csv = "Customer,Order,Total,Cur,Date,Sku,Qty,Price,Lines\n"
            + "buyer,o-1,120.50,EUR,2025-03-01,,,,\n"                                                  // 2: amount only
            + "buyer,o-2,,EUR,2025-03-02T10:00:00Z,kit,2,45,\n"                                         // 3: one line
            + "buyer,o-3,,USD,,,,,\"[{\"\"sku\"\":\"\"a\"\",\"\"quantity\"\":1,\"\"unitPrice\"\":10}]\"\n" // 4: JSON lines
            + "buyer,o-4,-5,EUR,,,,,\n"                                                                 // 5: negative amount
            + "buyer,o-5,10,EUR,2025-13-45,,,,\n"                                                       // 6: bad date
            + "buyer,o-6,,EUR,,kit,-1,45,\n"                                                            // 7: negative quantity
            + "nobody,o-7,10,EUR,,,,,\n"                                                                // 8: unknown customer
            + "buyer,o-8,10,euro,,,,,\n"                                                                // 9: bad currency
            + "buyer,o-1,99,EUR,,,,,\n";                                                                // 10: same order id, other content

        var job = await _host.Admin.ImportAsync("orders", Mapping, csv);
        var rerun = await _host.Admin.ImportAsync("orders", Mapping, csv);

        Assert.Equal(("completed", 9L, 3L, 6L), (job.State, job.RowsRead, job.Imported, job.Failed));
        Assert.Equal(
            ["5: amount", "6: placedAt", "7: lines[0].quantity", "8: customerId", "9: currency", "10: orderId"],
            ImportApi.Describe(await _host.Admin.ErrorsAsync(job.Id)));
        var buyer = (await _host.CustomerAsync("buyer"))!;
        Assert.Equal(3, buyer.OrderCount);
        Assert.Equal(210.50m, buyer.Revenue["EUR"]);
        Assert.Equal(10m, buyer.Revenue["USD"]);
        Assert.Equal((0L, 3L, 6L), (rerun.Imported, rerun.Unchanged, rerun.Failed));
        Assert.Equal(buyer.Version, (await _host.CustomerAsync("buyer"))!.Version);
    }
}
