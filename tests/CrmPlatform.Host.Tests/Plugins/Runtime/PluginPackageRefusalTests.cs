using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>Packages the platform refuses: a 400 problem naming the field, nothing stored, nothing loaded, the host still ready.</summary>
public sealed class PluginPackageRefusalTests
{
    public static TheoryData<string, string> RefusedPackages { get; } = new()
    {
        { "not a zip", "package" },
        { "no plugin.json", "package" },
        { "malformed JSON", "manifest" },
        { "unknown permission", "manifest.permissions[1]" },
        { "unknown event type", "manifest.events[5]" },
        { "sdkVersion [2.0.0, 3.0.0)", "manifest.sdkVersion" },
        { "entry assembly missing", "manifest.entryAssembly" },
        { "handler for an unsubscribed event", "manifest.events" },
        { "hook without commands.hook", "manifest.permissions" },
        { "a file and a folder of one name", "package" },
        { "a folder and then a file of one name", "package" },
    };

    [Theory]
    [MemberData(nameof(RefusedPackages))]
    public async Task Install_RefusedPackage_Is400NamingTheFieldAndChangesNothing(string refusal, string field)
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var existing = ProbePackage.NewId("existing");
        await runtime.InstallProbeAsync(existing);
        var id = ProbePackage.NewId("refused");
        var package = refusal switch
        {
            "not a zip" => Encoding.UTF8.GetBytes("this is not a zip file"),
            "no plugin.json" => ProbePackage.Zip([(ProbePackage.EntryAssembly, File.ReadAllBytes(Path.Combine(ProbePackage.Folder, ProbePackage.EntryAssembly)))]),
            "malformed JSON" => ProbePackage.WithManifestText("{ \"id\": \"" + id + "\", "),
            "unknown permission" => ProbePackage.Build(id, edit: m => m["permissions"] = new JsonArray("commands.hook", "customers.delete")),
            "unknown event type" => ProbePackage.Build(id, edit: m => m["events"]!.AsArray().Add("crm.customer.teleported.v1")),
            "sdkVersion [2.0.0, 3.0.0)" => ProbePackage.Build(id, edit: m => m["sdkVersion"] = "[2.0.0, 3.0.0)"),
            "entry assembly missing" => ProbePackage.Build(id, include: name => name != ProbePackage.EntryAssembly),
            "handler for an unsubscribed event" => ProbePackage.Build(id, edit: m => m["events"] = new JsonArray("crm.customer.registered.v1")),
            "hook without commands.hook" => ProbePackage.Build(id, edit: m => m["permissions"] = new JsonArray()),
            "a file and a folder of one name" => ProbePackage.Zip(ProbePackage.Entries(id).Concat([("x", [1]), ("x/y", [2])])),
            "a folder and then a file of one name" => ProbePackage.Zip(ProbePackage.Entries(id).Concat([("x/y", [2]), ("x", [1])])),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
        };
        var before = (await runtime.GetAsync("api/plugins")).GetRawText();

        var response = await runtime.SendPackageAsync(HttpMethod.Post, "api/plugins", package);

        var errors = await response.ExpectInvalidAsync(field);
        Assert.Contains(errors.GetProperty(field).EnumerateArray(), m => m.GetString()!.Length > 10);
        Assert.Equal(before, (await runtime.GetAsync("api/plugins")).GetRawText());
        await (await runtime.Admin.GetRouteAsync($"api/plugins/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await runtime.Host.Anonymous.GetRouteAsync("health/ready")).StatusCode);
        Assert.Equal([existing], runtime.Host.GetService<CrmPlatform.Host.Plugins.Runtime.PluginRegistry>().Slots.Select(s => s.Id).Where(s => s.StartsWith("probe-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task InstallAndUpgrade_ConflictsAndWrongRequests_AreRefusedWithTheirStatus()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("conflict");
        await runtime.InstallProbeAsync(id);
        var before = (await runtime.GetAsync("api/plugins")).GetRawText();

        var wrongType = await runtime.SendPackageAsync(HttpMethod.Post, "api/plugins", ProbePackage.Build(ProbePackage.NewId("json")), "application/json");
        var sameId = await runtime.SendPackageAsync(HttpMethod.Post, "api/plugins", ProbePackage.Build(id, "1.1.0"));
        var sameVersion = await runtime.SendPackageAsync(HttpMethod.Put, $"api/plugins/{id}", ProbePackage.Build(id));
        var unknown = ProbePackage.NewId("unknown");
        var upgradeUnknown = await runtime.SendPackageAsync(HttpMethod.Put, $"api/plugins/{unknown}", ProbePackage.Build(unknown, "2.0.0"));
        var otherId = await runtime.SendPackageAsync(HttpMethod.Put, $"api/plugins/{id}", ProbePackage.Build(ProbePackage.NewId("other"), "2.0.0"));
        var anonymous = await runtime.Host.Anonymous.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, "api/plugins") { Content = new ByteArrayContent(ProbePackage.Build(ProbePackage.NewId("anon"))) },
            TestContext.Current.CancellationToken);

        await wrongType.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("already installed", (await sameId.ExpectProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        await sameVersion.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(unknown, (await upgradeUnknown.ExpectProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        await otherId.ExpectInvalidAsync("manifest.id");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(before, (await runtime.GetAsync("api/plugins")).GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await runtime.Host.Anonymous.GetRouteAsync("health/ready")).StatusCode);
    }
}
