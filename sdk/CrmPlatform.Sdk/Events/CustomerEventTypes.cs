using System.Collections.Frozen;
using System.Reflection;

namespace CrmPlatform.Sdk.Events;

/// <summary>
/// The known event types by their stable names (<c>alias.vN</c>), found from
/// <see cref="CustomerEventAttribute"/> on the SDK's event records.
/// </summary>
public static class CustomerEventTypes
{
    private static readonly FrozenDictionary<string, Type> ByName = typeof(ICustomerEvent).Assembly
        .GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && typeof(ICustomerEvent).IsAssignableFrom(t))
        .ToFrozenDictionary(t => Describe(t).TypeName, t => t, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, string> ByType =
        ByName.ToFrozenDictionary(p => p.Value, p => p.Key);

    /// <summary>Every known stable type name.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>The stable name of an event type, for example <c>crm.customer.registered.v1</c>.</summary>
    /// <exception cref="ArgumentException">The type is not a known event type.</exception>
    public static string NameOf(Type eventType) =>
        ByType.TryGetValue(eventType, out var name)
            ? name
            : throw new ArgumentException($"'{eventType}' is not a registered customer event type.", nameof(eventType));

    /// <summary>Finds the CLR type for a stable name.</summary>
    public static bool TryResolve(string typeName, out Type eventType) =>
        ByName.TryGetValue(typeName, out eventType!);

    private static CustomerEventAttribute Describe(Type type) =>
        type.GetCustomAttribute<CustomerEventAttribute>()
        ?? throw new InvalidOperationException($"Event type '{type}' lacks [{nameof(CustomerEventAttribute)}].");
}
