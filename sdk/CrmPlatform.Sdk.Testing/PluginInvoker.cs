using System.Collections.Concurrent;
using System.Reflection;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Sdk.Testing;

/// <summary>Calls a plugin's generic handlers and hooks for an event known only by its runtime type.</summary>
internal static class PluginInvoker
{
    private static readonly ConcurrentDictionary<Type, HandleEvent> EventInvokers = new();
    private static readonly ConcurrentDictionary<Type, RunHooks> HookInvokers = new();

    public delegate Task HandleEvent(IServiceProvider services, EventEnvelope envelope, ICrm crm, int attempt, ICollection<Type> called, CancellationToken cancellationToken);

    public delegate Task<IReadOnlyList<HookOutcome>> RunHooks(IServiceProvider services, HookInput input, CancellationToken cancellationToken);

    public static Task HandleEventAsync(IServiceProvider services, EventEnvelope envelope, ICrm crm, int attempt, ICollection<Type> called, CancellationToken cancellationToken) =>
        EventInvokers.GetOrAdd(envelope.Event.GetType(), t => Bind<HandleEvent>(nameof(HandleAsync), t))(services, envelope, crm, attempt, called, cancellationToken);

    public static Task<IReadOnlyList<HookOutcome>> RunHooksAsync(IServiceProvider services, Type eventType, HookInput input, CancellationToken cancellationToken) =>
        HookInvokers.GetOrAdd(eventType, t => Bind<RunHooks>(nameof(RunAsync), t))(services, input, cancellationToken);

    private static TDelegate Bind<TDelegate>(string method, Type eventType)
        where TDelegate : Delegate =>
        typeof(PluginInvoker).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(eventType)
            .CreateDelegate<TDelegate>();

    private static async Task HandleAsync<TEvent>(
        IServiceProvider services, EventEnvelope envelope, ICrm crm, int attempt, ICollection<Type> called, CancellationToken cancellationToken)
        where TEvent : ICustomerEvent
    {
        foreach (var handler in services.GetServices<IEventHandler<TEvent>>())
        {
            called.Add(handler.GetType());
            await handler.HandleAsync(new Delivery<TEvent>(envelope, crm, attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<HookOutcome>> RunAsync<TEvent>(IServiceProvider services, HookInput input, CancellationToken cancellationToken)
        where TEvent : ICustomerEvent
    {
        var trigger = (TEvent)input.Events.First(e => e.GetType() == typeof(TEvent));
        var context = new HookContext<TEvent>(input.CustomerId, input.Before, trigger, input.Events, input.Actor);
        var eventType = CustomerEventTypes.NameOf(typeof(TEvent));
        var outcomes = new List<HookOutcome>();
        foreach (var hook in services.GetServices<ICommandHook<TEvent>>())
        {
            try
            {
                var decision = await hook.BeforeWriteAsync(context, cancellationToken).ConfigureAwait(false);
                outcomes.Add(new HookOutcome(hook.GetType(), eventType, hook.OnFailure, decision, null));
            }
#pragma warning disable CA1031 // The platform turns any failure of a hook into the decision the hook chose for failures.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var decision = hook.OnFailure == HookFailure.Veto
                    ? HookDecision.Veto($"Hook {hook.GetType().Name} failed: {exception.Message}")
                    : HookDecision.Allow;
                outcomes.Add(new HookOutcome(hook.GetType(), eventType, hook.OnFailure, decision, exception));
            }
        }

        return outcomes;
    }
}
