using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Sdk.Composition;

/// <summary>The parts registered in a plugin's services, as (contract, implementation) pairs, and the event types they take.</summary>
internal sealed record PluginParts(IReadOnlyList<(Type Contract, Type? Implementation)> All)
{
    /// <summary>The event types some per-event handler takes.</summary>
    public IReadOnlyList<Type> Handled => EventTypesOf(typeof(IEventHandler<>));

    /// <summary>The event types some command hook looks at.</summary>
    public IReadOnlyList<Type> Hooked => EventTypesOf(typeof(ICommandHook<>));

    /// <summary>True when the plugin has a batch handler.</summary>
    public bool HasBatchHandler => All.Any(p => p.Contract == typeof(IBatchEventHandler));

    /// <summary>The parts among <paramref name="services"/> (keyed services are not parts: the platform never asks for them).</summary>
    public static PluginParts Of(IServiceCollection services) =>
        new([.. services
            .Where(d => !d.IsKeyedService && PartScanner.IsPart(d.ServiceType))
            .Select(d => (d.ServiceType, d.ImplementationType ?? d.ImplementationInstance?.GetType()))]);

    /// <summary>The same part of the same contract, for messages: a class name, or what registered it.</summary>
    public static string Describe((Type Contract, Type? Implementation) part) =>
        part.Implementation?.FullName ?? $"(a factory for {part.Contract.Name})";

    private List<Type> EventTypesOf(Type openContract) =>
        [.. All
            .Where(p => p.Contract.IsGenericType && p.Contract.GetGenericTypeDefinition() == openContract)
            .Select(p => p.Contract.GetGenericArguments()[0])
            .Distinct()];
}
