using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Sdk.Hooks;

/// <summary>What a command hook sees.</summary>
/// <typeparam name="TEvent">The event type the hook is for.</typeparam>
/// <param name="CustomerId">The customer.</param>
/// <param name="Customer">The customer before the command; null when the command registers it.</param>
/// <param name="Event">The command's first event of type <typeparamref name="TEvent"/>.</param>
/// <param name="Events">All of the command's events, in order.</param>
/// <param name="Actor">Who sent the command.</param>
public sealed record HookContext<TEvent>(
    string CustomerId,
    CustomerSnapshot? Customer,
    TEvent Event,
    IReadOnlyList<ICustomerEvent> Events,
    string Actor)
    where TEvent : ICustomerEvent;
