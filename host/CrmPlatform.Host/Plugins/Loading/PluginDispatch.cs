using System.Collections.Frozen;
using System.Reflection;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.Hooks;

namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>
/// Calls a plugin's handlers and hooks through typed delegates made once at load. The generic
/// arguments are the SDK's event types (shared with the host), never the plugin's own types.
/// </summary>
internal static class PluginDispatch
{
    public delegate Task HandlerInvoker(IServiceProvider scope, EventEnvelope envelope, ICrm crm, int attempt, CancellationToken cancellationToken);

    public delegate IReadOnlyList<HookCall> HookResolver(IServiceProvider scope, string customerId, CustomerSnapshot? before, IReadOnlyList<ICustomerEvent> events, string actor);

    public static FrozenDictionary<Type, HandlerInvoker> Handlers(IEnumerable<Type> eventTypes) =>
        eventTypes.Distinct().ToFrozenDictionary(t => t, t => Make<HandlerInvoker>(nameof(InvokeHandlersAsync), t));

    public static FrozenDictionary<Type, HookResolver> Hooks(IEnumerable<Type> eventTypes) =>
        eventTypes.Distinct().ToFrozenDictionary(t => t, t => Make<HookResolver>(nameof(ResolveHooks), t));

    private static T Make<T>(string method, Type eventType) where T : Delegate =>
        typeof(PluginDispatch).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(eventType)
            .CreateDelegate<T>();

    private static async Task InvokeHandlersAsync<TEvent>(IServiceProvider scope, EventEnvelope envelope, ICrm crm, int attempt, CancellationToken cancellationToken)
        where TEvent : ICustomerEvent
    {
        var delivery = new Delivery<TEvent>(envelope, crm, attempt);
        foreach (var handler in scope.GetServices<IEventHandler<TEvent>>())
        {
            await handler.HandleAsync(delivery, cancellationToken);
        }
    }

    private static IReadOnlyList<HookCall> ResolveHooks<TEvent>(IServiceProvider scope, string customerId, CustomerSnapshot? before, IReadOnlyList<ICustomerEvent> events, string actor)
        where TEvent : ICustomerEvent
    {
        var context = new HookContext<TEvent>(customerId, before, events.OfType<TEvent>().First(), events, actor);
        return [.. scope.GetServices<ICommandHook<TEvent>>().Select(hook =>
            new HookCall(hook.GetType().Name, hook.OnFailure, ct => hook.BeforeWriteAsync(context, ct)))];
    }
}
