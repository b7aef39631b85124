using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Crm;

/// <summary>
/// A plugin's way back into the platform. Every call goes to the customer's single writer, which
/// validates it like any other command, and each is allowed only when the plugin's manifest
/// grants its permission (<see cref="Plugins.PluginPermissions"/>); otherwise it throws
/// <see cref="Plugins.PluginPermissionException"/>. Inside a delivery each write carries an
/// idempotency key made from the plugin, the event and the call's order, so a redelivered event
/// writes nothing twice.
/// </summary>
public interface ICrm
{
    /// <summary>The customer as it stands now, or null when there is no such customer.</summary>
    Task<CustomerSnapshot?> GetCustomerAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Records that the business and the customer talked.</summary>
    Task<CrmResult> RecordInteractionAsync(string customerId, InteractionRecord interaction, CancellationToken cancellationToken = default);

    /// <summary>Writes an insight (a named value and/or label) onto the customer, with the plugin as its source.</summary>
    Task<CrmResult> SetInsightAsync(string customerId, string name, double? value, string? label, CancellationToken cancellationToken = default);

    /// <summary>Adds tags to the customer.</summary>
    Task<CrmResult> AddTagsAsync(string customerId, IReadOnlyList<string> tags, CancellationToken cancellationToken = default);

    /// <summary>Moves the customer to another lifecycle stage.</summary>
    Task<CrmResult> ChangeStageAsync(string customerId, LifecycleStage stage, string reason, CancellationToken cancellationToken = default);

    /// <summary>Opens a service case.</summary>
    Task<CrmResult> OpenCaseAsync(string customerId, CaseRecord serviceCase, CancellationToken cancellationToken = default);

    /// <summary>Asks for a message to be sent to the customer on a channel; consent and contact rules apply.</summary>
    Task<CrmResult> RequestMessageAsync(string customerId, MessageRecord message, CancellationToken cancellationToken = default);
}
