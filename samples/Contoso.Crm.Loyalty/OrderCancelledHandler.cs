using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;
using Microsoft.Extensions.Logging;

namespace Contoso.Crm.Loyalty;

/// <summary>Takes back the points a cancelled order earned.</summary>
internal sealed partial class OrderCancelledHandler(LoyaltyLedger ledger, ILogger<OrderCancelledHandler> logger) : IEventHandler<OrderCancelled>
{
    public async Task HandleAsync(Delivery<OrderCancelled> delivery, CancellationToken cancellationToken)
    {
        var order = delivery.Event;
        var points = await ledger.FindOrderAsync(delivery.CustomerId, order.OrderId, cancellationToken).ConfigureAwait(false)
            ?? ledger.PointsFor(order.Amount);
        var balance = await ledger.ApplyAsync(delivery.Envelope, -points, delivery.Crm, cancellationToken).ConfigureAwait(false);
        LogTakenBack(logger, points, order.OrderId, delivery.CustomerId, balance);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Took back {Points} points for cancelled order {OrderId} of {CustomerId}; balance {Balance}.")]
    private static partial void LogTakenBack(ILogger logger, long points, string orderId, string customerId, long balance);
}
