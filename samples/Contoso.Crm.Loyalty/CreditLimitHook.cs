using System.Globalization;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Hooks;
using CrmPlatform.Sdk.Settings;

namespace Contoso.Crm.Loyalty;

/// <summary>Refuses an order above the credit limit before it is written. It guards money, so a failure refuses the order too.</summary>
internal sealed class CreditLimitHook(IPluginSettings<LoyaltySettings> settings) : ICommandHook<OrderPlaced>
{
    public HookFailure OnFailure => HookFailure.Veto;

    public ValueTask<HookDecision> BeforeWriteAsync(HookContext<OrderPlaced> context, CancellationToken cancellationToken)
    {
        var order = context.Event;
        var limit = settings.Current.CreditLimit;
        return ValueTask.FromResult(order.Amount > limit
            ? HookDecision.Veto($"Order amount {Format(order.Amount)} {order.Currency} exceeds the credit limit of {Format(limit)}.")
            : HookDecision.Allow);
    }

    private static string Format(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);
}
