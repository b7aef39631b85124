using Microsoft.Extensions.Configuration;
using CrmPlatform.Host.Hosting;

namespace CrmPlatform.Host.Tests.Hosting;

public sealed class CrmConfigurationKeysTests
{
    [Theory]
    [InlineData("Crm:DataDirectory")]
    [InlineData("crm:storage:provider")]
    [InlineData("Crm:Storage:ConnectionString")]
    [InlineData("Crm:EventLog:Durable")]
    [InlineData("Crm:EventLog:MaxBatchEvents")]
    [InlineData("Crm:Customers:Lifecycle:MaturityOrderCount")]
    [InlineData("Crm:Customers:Attributes:industry:Type")]
    [InlineData("Crm:Customers:Messaging:QuietHours:Start")]
    [InlineData("Crm:Channels:Live:Heartbeat")]
    [InlineData("Crm:Plugins:BreakerMinimumThroughput")]
    [InlineData("Crm:Telemetry:OtlpEndpoint")]
    [InlineData("Crm:Service:ReopenWindow")]
    [InlineData("Crm:Service:Sla:PollInterval")]
    [InlineData("Crm:Service:Sla:BatchSize")]
    public void IsKnown_KeyAnOptionsTypeBinds_IsTrue(string key) => Assert.True(CrmConfigurationKeys.IsKnown(key), key);

    [Theory]
    [InlineData("Crm:Storage:Provder")]
    [InlineData("Crm:Bogus")]
    [InlineData("Crm:Storage")]
    [InlineData("Crm:DataDirectory:Extra")]
    [InlineData("Crm:Customers:Lifecycle:MaturityOrders")]
    [InlineData("Crm:Customers:Attributes:industry:Typo")]
    [InlineData("Crm:Service:Sla:PollIntervall")]
    [InlineData("Crm:Service:ReopenWindows")]
    public void IsKnown_KeyNoOptionsTypeBinds_IsFalse(string key) => Assert.False(CrmConfigurationKeys.IsKnown(key), key);

    [Fact]
    public void FindUnknown_MisspeltKeyAmongKnownOnes_NamesIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crm:Storage:Provider"] = "Sqlite",
            ["Crm:Storage:Provder"] = "Postgres",
            ["Logging:LogLevel:Default"] = "Debug",
        }).Build();

        Assert.Equal("Crm:Storage:Provder", CrmConfigurationKeys.FindUnknown(configuration));
    }

    [Fact]
    public void FindUnknown_ShippedAppSettings_FindsNothing()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .Build();

        Assert.Null(CrmConfigurationKeys.FindUnknown(configuration));
    }

    [Theory]
    [InlineData("--urls=http://127.0.0.1:5080", "--Crm:SiloPort=11112", "--Logging:LogLevel:Default", "Debug", "Crm:GatewayPort=30001")]
    [InlineData("/Crm:DataDirectory", "data/one")]
    public void FindUnknown_Settings_IsNull(params string[] args) => Assert.Null(CrmCommandLine.FindUnknown(args));

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--bogus=1")]
    [InlineData("serve")]
    [InlineData("-v")]
    [InlineData("--Crm:SiloPort=1", "--Bogus:Key", "x")]
    public void FindUnknown_NotASetting_NamesTheArgument(params string[] args)
    {
        var reason = CrmCommandLine.FindUnknown(args);

        Assert.NotNull(reason);
        Assert.Contains(args.First(a => !a.StartsWith("--Crm", StringComparison.Ordinal)), reason, StringComparison.Ordinal);
    }
}
