using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests;

public class SmokeTests
{
    [Fact]
    public async Task Start_Smoke_Works()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await using var host = await CrmTestHost.StartAsync();
        TestContext.Current.SendDiagnosticMessage($"started in {sw.Elapsed}");
        var r = await host.Admin.PostAsync("api/customers", new StringContent("{\"id\":\"x1\",\"firstName\":\"A\"}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var body = await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage($"{r.StatusCode} {body} {sw.Elapsed}");
        Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode);
    }
}
