using System.Globalization;
using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Import;

/// <summary>
/// Turns an order row into a <see cref="PlaceOrder"/> for an existing customer. Lines come from a
/// <c>lines</c> column (a JSON array of <c>{sku, description, quantity, unitPrice}</c>) or, for a
/// one-line order, from <c>sku</c>, <c>description</c>, <c>quantity</c> and <c>unitPrice</c> columns.
/// </summary>
public static class OrderRowPlanner
{
    private static readonly JsonSerializerOptions LineJson = new(JsonSerializerDefaults.Web);

    /// <summary>Plans one row.</summary>
    public static RowPlan Plan(long line, RowValues row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var errors = new FieldErrors();
        var customerId = row["customerId"];
        CustomerFields.Id(errors, "customerId", customerId);
        var orderId = row["orderId"];
        CustomerFields.Id(errors, "orderId", orderId);
        var currency = row["currency"];
        if (!CustomerFields.IsValidCurrency(currency))
        {
            errors.Add("currency", $"'{currency}' is not an ISO 4217 code in upper case, for example 'EUR'.");
        }

        var amount = NonNegative(errors, "amount", row["amount"]);
        DateTimeOffset? placedAt = null;
        if (row["placedAt"] is { } placedText)
        {
            if (DateTimeOffset.TryParse(placedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                placedAt = parsed;
            }
            else
            {
                errors.Add("placedAt", $"'{placedText}' is not a date: use ISO 8601, for example 2025-03-01 or 2025-03-01T09:30:00Z.");
            }
        }

        var lines = Lines(row, errors);
        if (amount is null && lines is not { Count: > 0 })
        {
            errors.Add("amount", "Required when the order has no lines.");
        }

        if (!errors.IsEmpty)
        {
            return RowPlan.Invalid(line, errors.ToDictionary());
        }

        var command = new PlaceOrder(orderId, amount, currency, lines, placedAt);
        return RowPlan.Valid(new PlannedRow(line, customerId!, $"import:orders:{orderId}:{row.ContentHash()}", [new PlannedCommand("order", command)]));
    }

    private static List<OrderLine>? Lines(RowValues row, FieldErrors errors)
    {
        if (row["lines"] is { } json)
        {
            List<OrderLine>? lines = null;
            try
            {
                lines = JsonSerializer.Deserialize<List<OrderLine>>(json, LineJson);
            }
            catch (JsonException)
            {
            }

            if (lines is null || lines.Any(l => l is null || string.IsNullOrWhiteSpace(l.Sku)))
            {
                errors.Add("lines", "Must be a JSON array of {\"sku\",\"description\",\"quantity\",\"unitPrice\"}.");
                return null;
            }

            for (var i = 0; i < lines.Count; i++)
            {
                CheckLine(errors, $"lines[{i}]", lines[i].Quantity, lines[i].UnitPrice);
            }

            return lines;
        }

        if (row["sku"] is not { } sku)
        {
            return null;
        }

        var quantity = Number(errors, "quantity", row["quantity"] ?? "1");
        var unitPrice = Number(errors, "unitPrice", row["unitPrice"]);
        if (unitPrice is null && row["unitPrice"] is null)
        {
            errors.Add("unitPrice", "Required with a sku.");
        }

        if (quantity is null || unitPrice is null)
        {
            return null;
        }

        CheckLine(errors, "lines[0]", quantity.Value, unitPrice.Value);
        return [new OrderLine(sku, row["description"], quantity.Value, unitPrice.Value)];
    }

    private static void CheckLine(FieldErrors errors, string field, decimal quantity, decimal unitPrice)
    {
        if (quantity <= 0)
        {
            errors.Add($"{field}.quantity", $"Must be more than 0 (was {CustomerFields.Format(quantity)}).");
        }

        if (unitPrice < 0)
        {
            errors.Add($"{field}.unitPrice", $"Must not be negative (was {CustomerFields.Format(unitPrice)}).");
        }
    }

    private static decimal? NonNegative(FieldErrors errors, string field, string? text)
    {
        var value = Number(errors, field, text);
        if (value < 0)
        {
            errors.Add(field, $"Must not be negative (was {text}).");
            return null;
        }

        return value;
    }

    private static decimal? Number(FieldErrors errors, string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, $"'{text}' is not a number (use '.' for decimals).");
        return null;
    }
}
