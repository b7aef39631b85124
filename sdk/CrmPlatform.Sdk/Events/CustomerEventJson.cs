using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmPlatform.Sdk.Events;

/// <summary>
/// The stable JSON form of events: camelCase members, enums as strings, the type carried
/// separately as its stable name. This is the format of the log and of every API that shows events.
/// </summary>
public static class CustomerEventJson
{
    /// <summary>The serializer options of the stable format.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes an event's payload (without its type name).</summary>
    public static string Serialize(ICustomerEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, value.GetType(), Options);
    }

    /// <summary>Reads an event's payload given its stable type name.</summary>
    /// <exception cref="NotSupportedException">The type name is unknown to this SDK version.</exception>
    public static ICustomerEvent Deserialize(string typeName, string json)
    {
        if (!CustomerEventTypes.TryResolve(typeName, out var type))
        {
            throw new NotSupportedException($"Unknown event type '{typeName}'.");
        }

        return (ICustomerEvent)(JsonSerializer.Deserialize(json, type, Options)
            ?? throw new JsonException($"Event of type '{typeName}' is null."));
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
