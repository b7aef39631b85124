using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.Hooks;
using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Sdk.Composition;

/// <summary>What the parts of a plugin may ask for, given its manifest: every error names the part and what to add.</summary>
internal static class PartRules
{
    public static void Check(PluginParts parts, PluginManifest manifest, CompositionErrors errors)
    {
        var requested = CustomerEventTypes.NameOf(typeof(MessageRequested));
        foreach (var part in parts.All)
        {
            var (contract, name) = (part.Contract, PluginParts.Describe(part));
            if (contract == typeof(IChannel) && !manifest.Subscribes(requested))
            {
                errors.Add("manifest.events", $"Channel {name} would be handed no messages: the manifest does not subscribe to '{requested}', which carries them; add it to the manifest's events.");
            }
            else if (contract == typeof(IBatchEventHandler) && manifest.Events.Count == 0)
            {
                errors.Add("manifest.events", $"Batch handler {name} would receive nothing: the manifest subscribes to no events; add them to the manifest's events.");
            }
            else if (contract.IsGenericType)
            {
                CheckEventPart(contract, name, manifest, errors);
            }
        }
    }

    private static void CheckEventPart(Type contract, string name, PluginManifest manifest, CompositionErrors errors)
    {
        var eventType = contract.GetGenericArguments()[0];
        if (TryNameOf(eventType) is not { } eventName)
        {
            errors.Add("package", $"{name} is for {eventType.FullName}, which is not a customer event type of the SDK.");
            return;
        }

        if (contract.GetGenericTypeDefinition() == typeof(IEventHandler<>) && !manifest.Subscribes(eventName))
        {
            errors.Add("manifest.events", $"Handler {name} takes {eventType.Name} ('{eventName}'), which the manifest does not subscribe to; add '{eventName}' to the manifest's events.");
        }

        if (contract.GetGenericTypeDefinition() == typeof(ICommandHook<>) && !manifest.Grants(PluginPermissions.HookCommands))
        {
            errors.Add("manifest.permissions", $"Command hook {name} needs the permission '{PluginPermissions.HookCommands}'; add it to the manifest's permissions.");
        }
    }

    private static string? TryNameOf(Type eventType)
    {
        try
        {
            return CustomerEventTypes.NameOf(eventType);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
