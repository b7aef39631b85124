using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Grains.Lifecycle;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Customers;

/// <summary>Decides order commands, including the lifecycle rules an order triggers.</summary>
public sealed class OrderDecisions(string customerId, CustomerState state, DateTimeOffset now, CustomerOptions options)
{
    private const decimal MaxAmount = 1_000_000_000m;
    private const int MaxLines = 500;

    /// <summary>The earliest order date accepted: older dates are typing or conversion mistakes (year 1 is a default value).</summary>
    public static readonly DateTimeOffset EarliestPlacedAt = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Places an order: the amount is given, or the sum of the lines, or both and equal.</summary>
    public Decision Place(PlaceOrder c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "orderId", c.OrderId);
        if (!CustomerFields.IsValidCurrency(c.Currency))
        {
            errors.Add("currency", "Must be an ISO 4217 currency code in use, in upper case, for example 'EUR'.");
        }

        var lines = c.Lines ?? [];
        if (lines.Count > MaxLines)
        {
            errors.Add("lines", $"At most {MaxLines} lines.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            CheckLine(errors, $"lines[{i}]", lines[i]);
        }

        var linesTotal = errors.IsEmpty ? lines.Sum(l => l.Quantity * l.UnitPrice) : 0m;
        var amount = c.Amount ?? (lines.Count > 0 ? linesTotal : null);
        if (amount is null)
        {
            errors.Add("amount", "Required when the order has no lines.");
        }
        else if (amount is < 0 or > MaxAmount)
        {
            errors.Add("amount", $"Must be more than 0 and at most {CustomerFields.Format(MaxAmount)}.");
        }
        else if (amount == 0 && (c.Amount is not null || errors.IsEmpty))
        {
            // A free order is not revenue: counted as one, five of them made a customer Mature.
            errors.Add("amount", "Must be more than 0.");
        }
        else if (c.Amount is { } given && lines.Count > 0 && errors.IsEmpty && Math.Abs(given - linesTotal) > 0.005m)
        {
            errors.Add("amount", $"Does not match the sum of the lines ({CustomerFields.Format(linesTotal)}).");
        }

        if (c.PlacedAt > now.AddMinutes(5))
        {
            errors.Add("placedAt", "Must not be in the future.");
        }
        else if (c.PlacedAt < EarliestPlacedAt)
        {
            errors.Add("placedAt", "Must be on or after 1900-01-01.");
        }

        if (!errors.IsEmpty)
        {
            return Decision.Refuse(CommandResult.Invalid(customerId, errors.ToDictionary()));
        }

        if (state.FindOrder(c.OrderId!) is not null)
        {
            return Decision.Refuse(CommandResult.Conflict(customerId, $"Order '{c.OrderId}' was already placed."));
        }

        var placedAt = c.PlacedAt ?? now;
        var placed = new OrderPlaced(c.OrderId!, amount!.Value, c.Currency!, lines);

        // An order from before the customer declined or left (an import of history) does not win them back.
        if (placedAt < state.StageEnteredAt && state.Stage is LifecycleStage.Decline or LifecycleStage.Terminated)
        {
            return Decision.Emit(placedAt, placed);
        }

        var baseRevenue = state.RevenueIn(options.BaseCurrency) + (c.Currency == options.BaseCurrency ? amount.Value : 0m);
        var stageChanges = LifecycleRules.AfterOrder(state.Stage, state.OrderCount + 1, baseRevenue, options.Lifecycle);
        return Decision.Emit(placedAt, [placed, .. stageChanges]);
    }

    /// <summary>Cancels a placed order.</summary>
    public Decision Cancel(CancelOrder c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "orderId", c.OrderId);
        CustomerFields.Text(errors, "reason", c.Reason, 500);
        if (!errors.IsEmpty)
        {
            return Decision.Refuse(CommandResult.Invalid(customerId, errors.ToDictionary()));
        }

        return state.FindOrder(c.OrderId) switch
        {
            null => Decision.Refuse(CommandResult.NotFound(customerId, $"Order '{c.OrderId}' does not exist.")),
            { Cancelled: true } => Decision.Refuse(CommandResult.Conflict(customerId, $"Order '{c.OrderId}' is already cancelled.")),
            var order => Decision.Emit(now, new OrderCancelled(order.OrderId, order.Amount, order.Currency, c.Reason?.Trim())),
        };
    }

    private static void CheckLine(FieldErrors errors, string field, OrderLine? line)
    {
        if (line is null)
        {
            errors.Add(field, "Must not be null.");
            return;
        }

        CustomerFields.Text(errors, $"{field}.sku", line.Sku, 64, required: true);
        CustomerFields.Text(errors, $"{field}.description", line.Description, CustomerFields.MaxSubjectLength);
        if (line.Quantity is <= 0 or > 1_000_000)
        {
            errors.Add($"{field}.quantity", "Must be more than 0 and at most 1000000.");
        }

        if (line.UnitPrice is < 0 or > MaxAmount)
        {
            errors.Add($"{field}.unitPrice", $"Must be from 0 to {CustomerFields.Format(MaxAmount)}.");
        }
    }
}
