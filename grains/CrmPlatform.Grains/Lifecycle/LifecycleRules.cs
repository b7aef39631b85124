using CrmPlatform.Grains.Customers;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Lifecycle;

/// <summary>The automatic lifecycle rules, as pure functions of a customer's state and the time.</summary>
public static class LifecycleRules
{
    /// <summary>Rule name: a first order (or an order after Decline or Terminated) moves the customer to Growth.</summary>
    public const string FirstOrder = "first-order";

    /// <summary>Rule name: an order after Decline or Terminated wins the customer back.</summary>
    public const string WinBackOrder = "win-back-order";

    /// <summary>Rule name: enough orders or revenue move the customer to Maturity.</summary>
    public const string Maturity = "maturity-threshold";

    /// <summary>Rule name: no order for the configured number of days moves the customer to Decline.</summary>
    public const string Inactivity = "inactivity";

    /// <summary>
    /// The stage changes an order causes, given the customer's state before it and its order count
    /// and base-currency revenue after it.
    /// </summary>
    public static IEnumerable<LifecycleStageChanged> AfterOrder(
        LifecycleStage stage, int orderCountAfter, decimal revenueAfter, LifecycleRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (stage is LifecycleStage.Prospect or LifecycleStage.Acquisition)
        {
            yield return new LifecycleStageChanged(stage, LifecycleStage.Growth, "First order placed.", FirstOrder);
            stage = LifecycleStage.Growth;
        }
        else if (stage is LifecycleStage.Decline or LifecycleStage.Terminated)
        {
            yield return new LifecycleStageChanged(stage, LifecycleStage.Growth, "Won back by a new order.", WinBackOrder);
            stage = LifecycleStage.Growth;
        }

        if (stage == LifecycleStage.Growth
            && (orderCountAfter >= options.MaturityOrderCount || revenueAfter >= options.MaturityRevenue))
        {
            yield return new LifecycleStageChanged(
                stage,
                LifecycleStage.Maturity,
                $"Reached {orderCountAfter} orders and {CustomerFieldsFormat(revenueAfter)} revenue.",
                Maturity);
        }
    }

    /// <summary>When the inactivity rule will fire for this customer, or null when it cannot.</summary>
    public static DateTimeOffset? InactivityDueAt(CustomerState state, LifecycleRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        if (!state.IsRegistered || state.Stage is not (LifecycleStage.Growth or LifecycleStage.Maturity))
        {
            return null;
        }

        var clock = state.LastOrderAt is { } lastOrder && lastOrder > state.StageEnteredAt ? lastOrder : state.StageEnteredAt;
        return clock.AddDays(options.DeclineAfterDays);
    }

    /// <summary>The stage change the passing of time causes now, if any.</summary>
    public static LifecycleStageChanged? Due(CustomerState state, DateTimeOffset now, LifecycleRuleOptions options) =>
        InactivityDueAt(state, options) is { } due && due <= now
            ? new LifecycleStageChanged(
                state.Stage,
                LifecycleStage.Decline,
                $"No order for {options.DeclineAfterDays} days.",
                Inactivity)
            : null;

    private static string CustomerFieldsFormat(decimal value) =>
        value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
