using System.Reflection;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.Hooks;
using CrmPlatform.Sdk.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Sdk.Composition;

/// <summary>Registers a plugin's parts by scanning its entry assembly.</summary>
internal static class PartScanner
{
    private static readonly Type[] Contracts =
    [
        typeof(IEventHandler<>), typeof(IBatchEventHandler), typeof(ICommandHook<>), typeof(IChannel), typeof(IChannelInbound), typeof(IReport),
    ];

    /// <summary>
    /// Adds every non-abstract, closed class of <paramref name="assembly"/> in <paramref name="inScope"/>, public or not,
    /// that implements a part contract (<see cref="IsPart"/>), as each part contract it implements, scoped. A live
    /// channel is an <see cref="IChannelInbound"/> and is found as one.
    /// </summary>
    public static void AddParts(IServiceCollection services, Assembly assembly, Func<Type, bool> inScope) =>
        services.Scan(scan => scan
            .FromAssemblies(assembly)
            .AddClasses(
                classes => classes.AssignableToAny(Contracts).Where(t => !t.IsGenericTypeDefinition && inScope(t)),
                publicOnly: false)
            .AsImplementedInterfaces(IsPart)
            .WithScopedLifetime());

    /// <summary>True for the contracts the platform calls: event handlers, batch handlers, command hooks, channels, inbound parts and reports.</summary>
    public static bool IsPart(Type contract) =>
        contract == typeof(IBatchEventHandler) || contract == typeof(IChannel) || contract == typeof(IChannelInbound) || contract == typeof(IReport)
        || (contract.IsGenericType
            && contract.GetGenericTypeDefinition() is var open
            && (open == typeof(IEventHandler<>) || open == typeof(ICommandHook<>)));
}
