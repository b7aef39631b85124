using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Hooks;

namespace CrmPlatform.Sdk.Tests.Testing.Plugins.Hooks;

/// <summary>Vetoes orders above 100, tags orders above 50.</summary>
internal sealed class SpendingHook : ICommandHook<OrderPlaced>
{
    public ValueTask<HookDecision> BeforeWriteAsync(HookContext<OrderPlaced> context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(context.Event.Amount switch
        {
            > 100m => HookDecision.Veto($"Order {context.Event.OrderId} is too big."),
            > 50m => HookDecision.Allow.WithTags("big-spender").WithInsight("last-order", (double)context.Event.Amount, null),
            _ => HookDecision.Allow,
        });
}
