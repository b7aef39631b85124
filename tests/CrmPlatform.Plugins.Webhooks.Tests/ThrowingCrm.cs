using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Plugins.Webhooks.Tests;

/// <summary>The webhooks plugin has no permissions: any call back into the platform is a bug.</summary>
internal sealed class ThrowingCrm : ICrm
{
    public Task<CustomerSnapshot?> GetCustomerAsync(string customerId, CancellationToken cancellationToken = default) => throw Unexpected();

    public Task<CrmResult> RecordInteractionAsync(string customerId, InteractionRecord interaction, CancellationToken cancellationToken = default) => throw Unexpected();

    public Task<CrmResult> SetInsightAsync(string customerId, string name, double? value, string? label, CancellationToken cancellationToken = default) => throw Unexpected();

    public Task<CrmResult> AddTagsAsync(string customerId, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) => throw Unexpected();

    public Task<CrmResult> ChangeStageAsync(string customerId, LifecycleStage stage, string reason, CancellationToken cancellationToken = default) => throw Unexpected();

    public Task<CrmResult> OpenCaseAsync(string customerId, CaseRecord serviceCase, CancellationToken cancellationToken = default) => throw Unexpected();

    public Task<CrmResult> RequestMessageAsync(string customerId, MessageRecord message, CancellationToken cancellationToken = default) => throw Unexpected();

    private static InvalidOperationException Unexpected() => new("The webhooks plugin must not call the platform.");
}
