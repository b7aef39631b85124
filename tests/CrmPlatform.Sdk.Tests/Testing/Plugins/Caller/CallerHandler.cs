using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Sdk.Tests.Testing.Plugins.Caller;

/// <summary>Internal on purpose: scanning must find it.</summary>
internal sealed partial class CallerHandler(ILogger<CallerHandler> logger) : IEventHandler<OrderPlaced>
{
    public async Task HandleAsync(Delivery<OrderPlaced> delivery, CancellationToken cancellationToken)
    {
        LogOrder(logger, delivery.Event.OrderId, delivery.Attempt);
        foreach (var line in delivery.Event.Lines)
        {
            await CrmCaller.CallAsync(delivery.Crm, delivery.CustomerId, line.Sku);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}, attempt {Attempt}")]
    private static partial void LogOrder(ILogger logger, string orderId, int attempt);
}
