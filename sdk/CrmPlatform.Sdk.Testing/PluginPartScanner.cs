using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.Hooks;
using CrmPlatform.Sdk.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Sdk.Testing;

/// <summary>Registers a plugin's event handlers, batch handlers, command hooks, channels and reports by scanning, as the platform does.</summary>
internal static class PluginPartScanner
{
    /// <summary>
    /// Adds every non-abstract class in scope, public or not, that implements <see cref="IEventHandler{TEvent}"/>,
    /// <see cref="IBatchEventHandler"/>, <see cref="ICommandHook{TEvent}"/>, <see cref="IChannel"/>, <see cref="IChannelInbound"/>
    /// or <see cref="IReport"/>, as each of those interfaces it implements, scoped.
    /// </summary>
    public static void AddParts(IServiceCollection services, Type pluginType, PluginScanScope scope) =>
        services.Scan(scan => scan
            .FromAssemblies(pluginType.Assembly)
            .AddClasses(
                classes => classes
                    .AssignableToAny(typeof(IEventHandler<>), typeof(IBatchEventHandler), typeof(ICommandHook<>), typeof(IChannel), typeof(IChannelInbound), typeof(IReport))
                    .Where(t => !t.IsGenericTypeDefinition && PluginEntryPoint.InScope(t, pluginType, scope)),
                publicOnly: false)
            .AsImplementedInterfaces(IsPart)
            .WithScopedLifetime());

    /// <summary>True for the interfaces the platform calls: event handlers, batch handlers, command hooks, channels and reports.</summary>
    public static bool IsPart(Type serviceType) =>
        serviceType == typeof(IBatchEventHandler) || serviceType == typeof(IChannel) || serviceType == typeof(IChannelInbound) || serviceType == typeof(IReport)
        || (serviceType.IsGenericType
            && serviceType.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IEventHandler<>) || definition == typeof(ICommandHook<>)));
}
