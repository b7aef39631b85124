using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.Hooks;
using CrmPlatform.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Sdk.Testing;

/// <summary>Refuses a plugin whose parts ask for more than its manifest declares, as the platform does when it loads one.</summary>
internal static class PluginValidator
{
    public static void Validate(IServiceCollection services, PluginManifest manifest)
    {
        foreach (var descriptor in services.Where(d => !d.IsKeyedService && PluginPartScanner.IsPart(d.ServiceType)))
        {
            var serviceType = descriptor.ServiceType;
            var part = Describe(descriptor);
            if (serviceType == typeof(IChannel) && !manifest.Subscribes(CustomerEventTypes.NameOf(typeof(MessageRequested))))
            {
                throw new InvalidOperationException(
                    $"Plugin '{manifest.Id}': channel {part} would be handed no messages because the manifest does not subscribe to "
                    + $"'{CustomerEventTypes.NameOf(typeof(MessageRequested))}'; add it to the manifest's events.");
            }

            if (!serviceType.IsGenericType && serviceType != typeof(IBatchEventHandler))
            {
                continue;
            }

            if (serviceType == typeof(IBatchEventHandler))
            {
                if (manifest.Events.Count == 0)
                {
                    throw new InvalidOperationException(
                        $"Plugin '{manifest.Id}': batch handler {part} would receive nothing because the manifest subscribes to no events; add them to the manifest's events.");
                }

                continue;
            }

            var eventType = serviceType.GetGenericArguments()[0];
            var eventName = NameOf(eventType, part, manifest);
            if (serviceType.GetGenericTypeDefinition() == typeof(IEventHandler<>) && !manifest.Subscribes(eventName))
            {
                throw new InvalidOperationException(
                    $"Plugin '{manifest.Id}': handler {part} handles {eventType.Name} ('{eventName}'), which the manifest does not subscribe to; add '{eventName}' to the manifest's events.");
            }

            if (serviceType.GetGenericTypeDefinition() == typeof(ICommandHook<>) && !manifest.Grants(PluginPermissions.HookCommands))
            {
                throw new InvalidOperationException(
                    $"Plugin '{manifest.Id}': command hook {part} needs the permission '{PluginPermissions.HookCommands}'; add it to the manifest's permissions.");
            }
        }
    }

    private static string NameOf(Type eventType, string part, PluginManifest manifest)
    {
        try
        {
            return CustomerEventTypes.NameOf(eventType);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException(
                $"Plugin '{manifest.Id}': {part} is for {eventType.FullName}, which is not a customer event type of the SDK.", exception);
        }
    }

    private static string Describe(ServiceDescriptor descriptor) =>
        (descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType())?.FullName
        ?? $"(a factory for {descriptor.ServiceType.Name})";
}
