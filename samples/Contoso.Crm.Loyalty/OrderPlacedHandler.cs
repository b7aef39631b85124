using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;
using Microsoft.Extensions.Logging;

namespace Contoso.Crm.Loyalty;

/// <summary>Awards points for an order: floor(amount × points per unit).</summary>
internal sealed partial class OrderPlacedHandler(LoyaltyLedger ledger, ILogger<OrderPlacedHandler> logger) : IEventHandler<OrderPlaced>
{
    public async Task HandleAsync(Delivery<OrderPlaced> delivery, CancellationToken cancellationToken)
    {
        var order = delivery.Event;
        var points = await ledger.FindOrderAsync(delivery.CustomerId, order.OrderId, cancellationToken).ConfigureAwait(false);
        if (points is null)
        {
            points = ledger.PointsFor(order.Amount);
            await ledger.RememberOrderAsync(delivery.CustomerId, order.OrderId, points.Value, cancellationToken).ConfigureAwait(false);
        }

        var balance = await ledger.ApplyAsync(delivery.Envelope, points.Value, delivery.Crm, cancellationToken).ConfigureAwait(false);
        LogAwarded(logger, points.Value, order.OrderId, delivery.CustomerId, balance);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Awarded {Points} points for order {OrderId} of {CustomerId}; balance {Balance}.")]
    private static partial void LogAwarded(ILogger logger, long points, string orderId, string customerId, long balance);
}
