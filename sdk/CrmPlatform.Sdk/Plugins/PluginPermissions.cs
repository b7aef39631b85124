namespace CrmPlatform.Sdk.Plugins;

/// <summary>The permissions a manifest can ask for. A call without its permission throws <see cref="PluginPermissionException"/>.</summary>
public static class PluginPermissions
{
    /// <summary>Read customer snapshots (<see cref="Crm.ICrm.GetCustomerAsync"/>).</summary>
    public const string ReadCustomers = "customers.read";

    /// <summary>Record interactions.</summary>
    public const string WriteInteractions = "customers.interactions.write";

    /// <summary>Write insights.</summary>
    public const string WriteInsights = "customers.insights.write";

    /// <summary>Add tags.</summary>
    public const string WriteTags = "customers.tags.write";

    /// <summary>Change lifecycle stages.</summary>
    public const string WriteStages = "customers.stages.write";

    /// <summary>Open cases.</summary>
    public const string WriteCases = "customers.cases.write";

    /// <summary>Ask for messages to be sent to customers.</summary>
    public const string SendMessages = "messages.send";

    /// <summary>Validate or enrich commands before their events are written (<see cref="Hooks.ICommandHook{TEvent}"/>).</summary>
    public const string HookCommands = "commands.hook";

    /// <summary>Every permission the platform knows.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ReadCustomers, WriteInteractions, WriteInsights, WriteTags, WriteStages, WriteCases, SendMessages, HookCommands];
}
