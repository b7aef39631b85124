using System.Buffers;
using System.Text.Json;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Plugins.Webhooks;

/// <summary>
/// Writes the JSON body of a delivery. The envelope is written member by member, so no serializer
/// caches a type of this plugin's (collectible) assembly; the event itself is in the SDK's stable
/// form (<see cref="CustomerEventJson"/>).
/// </summary>
internal static class WebhookPayload
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>The UTF-8 body for <paramref name="envelope"/>.</summary>
    public static byte[] Write(EventEnvelope envelope, string type)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", envelope.EventId);
            writer.WriteString("type", type);
            writer.WriteString("customerId", envelope.CustomerId);
            writer.WriteNumber("sequence", envelope.Sequence);
            writer.WriteNumber("position", envelope.Position);
            writer.WriteString("occurredAt", envelope.OccurredAt);
            writer.WriteString("recordedAt", envelope.RecordedAt);
            writer.WriteString("actor", envelope.Actor);
            writer.WriteString("correlationId", envelope.CorrelationId);
            writer.WritePropertyName("data");
            writer.WriteRawValue(CustomerEventJson.Serialize(envelope.Event));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
