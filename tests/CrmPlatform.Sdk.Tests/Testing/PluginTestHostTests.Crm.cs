using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.Testing;
using CrmPlatform.Sdk.Tests.Testing.Plugins.Caller;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Sdk.Tests.Testing;

public sealed partial class PluginTestHostTests
{
    public static TheoryData<string, string> MethodPermissions => new()
    {
        { nameof(ICrm.GetCustomerAsync), PluginPermissions.ReadCustomers },
        { nameof(ICrm.RecordInteractionAsync), PluginPermissions.WriteInteractions },
        { nameof(ICrm.SetInsightAsync), PluginPermissions.WriteInsights },
        { nameof(ICrm.AddTagsAsync), PluginPermissions.WriteTags },
        { nameof(ICrm.ChangeStageAsync), PluginPermissions.WriteStages },
        { nameof(ICrm.OpenCaseAsync), PluginPermissions.WriteCases },
        { nameof(ICrm.RequestMessageAsync), PluginPermissions.SendMessages },
    };

    [Theory]
    [MemberData(nameof(MethodPermissions))]
    public async Task Crm_CallWithoutItsPermission_ThrowsNamingThePermission(string method, string permission)
    {
        var others = PluginPermissions.All.Where(p => p != permission).ToArray();
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(others), OwnNamespace);

        var error = await Assert.ThrowsAsync<PluginPermissionException>(() => host.DeliverAsync("c-1", Order(method), TestContext.Current.CancellationToken));

        Assert.Equal(permission, error.Permission);
        Assert.Contains(CallerPlugin.Id, error.Message);
        Assert.Empty(host.Crm.Calls);
    }

    [Theory]
    [MemberData(nameof(MethodPermissions))]
    public async Task Crm_CallWithItsPermission_IsRecorded(string method, string permission)
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(permission), OwnNamespace);

        var result = await host.DeliverAsync("c-1", Order(method), TestContext.Current.CancellationToken);

        var call = Assert.Single(result.Calls);
        Assert.Equal(method, call.Method);
        Assert.Equal("c-1", call.CustomerId);
        Assert.Equal(host.Crm.Calls, result.Calls);
    }

    [Fact]
    public async Task Crm_WritesInOneDelivery_AreKeyedByPluginEventAndOrder()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(PluginPermissions.All.ToArray()), OwnNamespace);

        var result = await host.DeliverAsync("c-1", Order("GetCustomerAsync", "SetInsightAsync", "AddTagsAsync"), TestContext.Current.CancellationToken);

        var prefix = $"plugin:tests.caller:{result.Envelope.EventId:N}";
        Assert.Equal([null, $"{prefix}:1", $"{prefix}:2"], result.Calls.Select(c => c.IdempotencyKey));
        Assert.Equal(["score", 1.5, "high"], result.Calls[1].Arguments);
        Assert.Equal([CrmStatus.Accepted, CrmStatus.Accepted], result.Calls.Skip(1).Select(c => c.Result!.Status));
        Assert.Equal([1L, 2L], result.Calls.Skip(1).Select(c => c.Result!.Version));
    }

    [Fact]
    public async Task Crm_Redelivery_AnswersReplayedWithTheFirstVersion()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(PluginPermissions.WriteTags), OwnNamespace);
        var first = await host.DeliverAsync("c-1", Order("AddTagsAsync"), TestContext.Current.CancellationToken);

        var again = await host.DeliverAsync(first.Envelope, attempt: 2, TestContext.Current.CancellationToken);

        var call = Assert.Single(again.Calls);
        Assert.Equal(first.Calls[0].IdempotencyKey, call.IdempotencyKey);
        Assert.Equal(new CrmResult(CrmStatus.Replayed, 1, null), call.Result);
    }

    [Fact]
    public async Task Crm_ScriptedRefusal_IsAnsweredAndNotRememberedAsWritten()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(PluginPermissions.WriteStages), OwnNamespace);
        host.Crm.Respond(call => new CrmResult(CrmStatus.Refused, 0, $"No {call.Method} today."));
        var first = await host.DeliverAsync("c-1", Order("ChangeStageAsync"), TestContext.Current.CancellationToken);
        host.Crm.Respond(_ => null);

        var retry = await host.DeliverAsync(first.Envelope, attempt: 2, TestContext.Current.CancellationToken);

        Assert.Equal("No ChangeStageAsync today.", first.Calls[0].Result!.Detail);
        Assert.Equal(CrmStatus.Accepted, retry.Calls[0].Result!.Status);
    }

    [Fact]
    public async Task Crm_SeededCustomer_IsReadAndItsVersionCountsOn()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(
            CallerPlugin.Manifest(PluginPermissions.ReadCustomers, PluginPermissions.WriteInsights), OwnNamespace);
        host.Crm.AddCustomer(Customer("c-1", version: 7));

        var result = await host.DeliverAsync("c-1", Order("GetCustomerAsync", "SetInsightAsync"), TestContext.Current.CancellationToken);

        Assert.Equal(8, result.Calls[1].Result!.Version);
    }

    [Fact]
    public async Task RunJobAsync_Writes_AreKeyedByJobAndStartTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
        await using var host = PluginTestHost.Create<CallerPlugin>(
            CallerPlugin.Manifest(PluginPermissions.WriteInsights), OwnNamespace with { TimeProvider = time });

        var run = await host.RunJobAsync("nightly", TestContext.Current.CancellationToken);

        Assert.Equal(
            ["plugin:tests.caller:job:nightly:2026-03-01T02:00:00.0000000+00:00:1", "plugin:tests.caller:job:nightly:2026-03-01T02:00:00.0000000+00:00:2"],
            run.Calls.Select(c => c.IdempotencyKey));
        Assert.Equal(new ScheduledJobRegistration("nightly", TimeSpan.FromHours(1), typeof(CallerJob)), Assert.Single(host.Jobs));
    }

    [Fact]
    public async Task RunJobAsync_UnknownJob_ThrowsListingTheJobs()
    {
        await using var host = PluginTestHost.Create<CallerPlugin>(CallerPlugin.Manifest(), OwnNamespace);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.RunJobAsync("hourly", TestContext.Current.CancellationToken));

        Assert.Contains("'nightly'", error.Message);
    }

    private static CustomerSnapshot Customer(string id, long version) => new()
    {
        Id = id,
        Version = version,
        Kind = CustomerKind.Person,
        DisplayName = "Ada",
        Emails = [],
        Phones = [],
        Attributes = new Dictionary<string, System.Text.Json.JsonElement>(),
        Stage = LifecycleStage.Growth,
        OrderCount = 0,
        Revenue = new Dictionary<string, decimal>(),
        Consent = new Dictionary<string, bool>(),
        Tags = [],
        Insights = new Dictionary<string, InsightValue>(),
        RegisteredAt = DateTimeOffset.UnixEpoch,
    };
}
