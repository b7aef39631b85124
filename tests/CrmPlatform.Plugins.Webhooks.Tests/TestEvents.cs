using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;

namespace CrmPlatform.Plugins.Webhooks.Tests;

internal static class TestEvents
{
    public static readonly DateTimeOffset OccurredAt = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    public static EventEnvelope OrderPlaced(long sequence = 1, string orderId = "o-1") => Envelope(
        sequence,
        new OrderPlaced(orderId, 42.50m, "EUR", [new OrderLine("sku-1", "Mug", 2, 21.25m)]));

    public static EventEnvelope TagsChanged(long sequence = 1) => Envelope(sequence, new TagsChanged(["vip"], []));

    public static EventEnvelope Envelope(long sequence, ICustomerEvent @event) => new(
        Guid.NewGuid(),
        "c-1",
        sequence,
        1000 + sequence,
        OccurredAt.AddMinutes(sequence),
        OccurredAt.AddMinutes(sequence).AddSeconds(1),
        "api-key:ab12",
        "corr-1",
        null,
        @event);

    public static DeliveryBatch Batch(params EventEnvelope[] events) => new(events, new ThrowingCrm(), 1);
}
