using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;

namespace CrmPlatform.TestPlugins.Channel;

/// <summary>Answers an inbound <c>PING</c> on the test channel with a <c>PONG</c> requested through <see cref="ICrm.RequestMessageAsync"/>: the plugin path into the contact rules.</summary>
public sealed class PingReplyHandler : IEventHandler<MessageReceived>
{
    /// <inheritdoc />
    public async Task HandleAsync(Delivery<MessageReceived> delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Event.Channel != TestChannel.Name || !string.Equals(delivery.Event.Text.Trim(), "PING", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var result = await delivery.Crm.RequestMessageAsync(delivery.CustomerId, new MessageRecord(TestChannel.Name, "PONG", null, null), cancellationToken);
        if (!result.Succeeded && result.Status != CrmStatus.Refused)
        {
            throw new InvalidOperationException($"The reply could not be requested: {result.Status} {result.Detail}");
        }
    }
}
