using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Host.Plugins.Crm;

/// <summary>
/// A plugin's <see cref="ICrm"/> for one delivery, batch or job run: checks the manifest's
/// permissions, and sends each write to the customer's grain as the actor <c>plugin:{id}</c> with
/// an idempotency key made of <paramref name="keyPrefix"/> and the call's order, so a redelivery
/// that makes the same calls in the same order writes nothing twice. Message requests go through
/// <paramref name="messages"/>, which finds the channel and applies the contact rules.
/// </summary>
public sealed class PluginCrm(IGrainFactory grains, PluginManifest manifest, string keyPrefix, string? correlationId, IMessageRequester messages) : ICrm
{
    private int _calls;

    /// <summary>The actor recorded on events a plugin writes.</summary>
    public static string ActorOf(string pluginId) => $"plugin:{pluginId}";

    /// <inheritdoc />
    public async Task<CustomerSnapshot?> GetCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        Require(PluginPermissions.ReadCustomers);
        return await Grain(customerId).GetAsync() is { } view ? CustomerSnapshots.From(view) : null;
    }

    /// <inheritdoc />
    public Task<CrmResult> RecordInteractionAsync(string customerId, InteractionRecord interaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return SendAsync(PluginPermissions.WriteInteractions, customerId, key => new RecordInteraction(
            $"{manifest.Id}-{Hash(key)}", interaction.Channel, interaction.Direction, interaction.Subject, interaction.Summary, null));
    }

    /// <inheritdoc />
    public Task<CrmResult> SetInsightAsync(string customerId, string name, double? value, string? label, CancellationToken cancellationToken = default) =>
        SendAsync(PluginPermissions.WriteInsights, customerId, _ => new SetInsight(name, value, label, manifest.Id));

    /// <inheritdoc />
    public Task<CrmResult> AddTagsAsync(string customerId, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        SendAsync(PluginPermissions.WriteTags, customerId, _ => new ChangeTags(tags, null));

    /// <inheritdoc />
    public Task<CrmResult> ChangeStageAsync(string customerId, LifecycleStage stage, string reason, CancellationToken cancellationToken = default) =>
        SendAsync(PluginPermissions.WriteStages, customerId, _ => new ChangeStage(stage, reason));

    /// <inheritdoc />
    public Task<CrmResult> OpenCaseAsync(string customerId, CaseRecord serviceCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceCase);
        return SendAsync(PluginPermissions.WriteCases, customerId, key => new OpenCase(
            $"{manifest.Id}-{Hash(key)}", serviceCase.Kind, serviceCase.Priority, serviceCase.Subject, serviceCase.Description));
    }

    /// <inheritdoc />
    public async Task<CrmResult> RequestMessageAsync(string customerId, MessageRecord message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Require(PluginPermissions.SendMessages);
        var key = $"{keyPrefix}:{Interlocked.Increment(ref _calls)}";
        var result = await messages.RequestAsync(
            customerId, $"m-{Hash(key)}", message.Channel, message.Text, message.Template, message.Variables,
            new CommandContext(ActorOf(manifest.Id), correlationId, key));
        return ToCrmResult(result);
    }

    private async Task<CrmResult> SendAsync(string permission, string customerId, Func<string, CustomerCommand> command)
    {
        Require(permission);
        var key = $"{keyPrefix}:{Interlocked.Increment(ref _calls)}";
        var result = await Grain(customerId).ExecuteAsync(command(key), new CommandContext(ActorOf(manifest.Id), correlationId, key));
        return ToCrmResult(result);
    }

    private static CrmResult ToCrmResult(CommandResult result) =>
        new(
            result.Status switch
            {
                CommandStatus.Accepted => CrmStatus.Accepted,
                CommandStatus.Replayed => CrmStatus.Replayed,
                CommandStatus.Unchanged => CrmStatus.Unchanged,
                CommandStatus.NotFound => CrmStatus.NotFound,
                _ => CrmStatus.Refused,
            },
            result.LastSequence,
            result.Errors is { Count: > 0 } errors
                ? $"{result.Detail} {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"))}"
                : result.Detail);

    private ICustomerGrain Grain(string customerId) => grains.GetGrain<ICustomerGrain>(customerId);

    private void Require(string permission)
    {
        if (!manifest.Grants(permission))
        {
            throw new PluginPermissionException(manifest.Id, permission);
        }
    }

    private static string Hash(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..24];
}
