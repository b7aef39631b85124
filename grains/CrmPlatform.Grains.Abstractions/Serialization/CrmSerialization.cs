using System.Text.Json;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CrmPlatform.Grains.Abstractions.Serialization;

/// <summary>How the platform's types cross grain boundaries; silos and clients must both use it.</summary>
public static class CrmSerialization
{
    /// <summary>
    /// SDK types (events, enums, order lines) carry no Orleans attributes — the SDK has no Orleans
    /// dependency — so they travel as their stable JSON, as do attribute values (<see cref="JsonElement"/>).
    /// </summary>
    public static IServiceCollection AddCrmSerialization(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddJsonSerializer(
            isSupported: type => type.Assembly == typeof(ICustomerEvent).Assembly || type == typeof(JsonElement),
            jsonSerializerOptions: CustomerEventJson.Options));
}
