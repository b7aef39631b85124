using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Sdk.Tests.Testing.Plugins.Caller;

/// <summary>A test plugin whose handler calls the ICrm methods named by an order's line SKUs, in order.</summary>
public sealed class CallerPlugin : IPlugin
{
    public const string Id = "tests.caller";

    public static PluginManifest Manifest(params string[] permissions) => new()
    {
        Id = Id,
        Version = "1.0.0",
        SdkVersion = "[1.0.0, 2.0.0)",
        EntryAssembly = "CrmPlatform.Sdk.Tests.dll",
        Events = ["crm.customer.order-placed.v1"],
        Permissions = permissions,
    };

    public void Configure(IPluginBuilder builder) => builder.AddScheduledJob<CallerJob>("nightly", TimeSpan.FromHours(1));
}
