using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;

namespace CrmPlugin1;

/// <summary>
/// Writes the amount of the customer's last order as the insight <c>last-order-amount</c>. The
/// manifest subscribes to <c>crm.customer.order-placed.v1</c> and grants <c>customers.insights.write</c>.
/// </summary>
internal sealed class OrderPlacedHandler : IEventHandler<OrderPlaced>
{
    public async Task HandleAsync(Delivery<OrderPlaced> delivery, CancellationToken cancellationToken)
    {
        var order = delivery.Event;
        await delivery.Crm.SetInsightAsync(delivery.CustomerId, "last-order-amount", (double)order.Amount, order.Currency, cancellationToken)
            .ConfigureAwait(false);
    }
}
