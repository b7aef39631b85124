using System.Globalization;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Sdk.Testing;

/// <summary>
/// The <see cref="ICrm"/> one delivery or job run gets: numbers its writes 1, 2, … and keys each
/// <c>{prefix}:{n}</c>, as the platform does, then hands them to the <see cref="RecordingCrm"/>.
/// </summary>
internal sealed class CrmSession(RecordingCrm recorder, string keyPrefix, ICollection<CrmCall> sink) : ICrm
{
    private int _writes;

    public Task<CustomerSnapshot?> GetCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(recorder.Read(customerId, sink));

    public Task<CrmResult> RecordInteractionAsync(string customerId, InteractionRecord interaction, CancellationToken cancellationToken = default) =>
        WriteAsync(nameof(RecordInteractionAsync), PluginPermissions.WriteInteractions, customerId, interaction);

    public Task<CrmResult> SetInsightAsync(string customerId, string name, double? value, string? label, CancellationToken cancellationToken = default) =>
        WriteAsync(nameof(SetInsightAsync), PluginPermissions.WriteInsights, customerId, name, value, label);

    public Task<CrmResult> AddTagsAsync(string customerId, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        WriteAsync(nameof(AddTagsAsync), PluginPermissions.WriteTags, customerId, tags);

    public Task<CrmResult> ChangeStageAsync(string customerId, LifecycleStage stage, string reason, CancellationToken cancellationToken = default) =>
        WriteAsync(nameof(ChangeStageAsync), PluginPermissions.WriteStages, customerId, stage, reason);

    public Task<CrmResult> OpenCaseAsync(string customerId, CaseRecord serviceCase, CancellationToken cancellationToken = default) =>
        WriteAsync(nameof(OpenCaseAsync), PluginPermissions.WriteCases, customerId, serviceCase);

    public Task<CrmResult> RequestMessageAsync(string customerId, MessageRecord message, CancellationToken cancellationToken = default) =>
        WriteAsync(nameof(RequestMessageAsync), PluginPermissions.SendMessages, customerId, message);

    private Task<CrmResult> WriteAsync(string method, string permission, string customerId, params object?[] arguments) =>
        Task.FromResult(recorder.Write(method, permission, customerId, arguments, NextKey, sink));

    private string NextKey() => string.Create(CultureInfo.InvariantCulture, $"{keyPrefix}:{Interlocked.Increment(ref _writes)}");
}
