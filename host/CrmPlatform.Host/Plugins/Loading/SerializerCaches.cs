using System.Reflection;
using System.Reflection.Metadata;
using System.Text.Json;

namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>
/// Drops System.Text.Json's process-wide reflection cache once a plugin version is unloaded. The
/// serializer keeps the accessors it emits for every type it reads or writes (a plugin's settings
/// and state types too) in a static cache that lets go of an entry only when a later serialization
/// happens to sweep it, so an unloaded plugin's load context could stay alive indefinitely. The
/// serializer's own hot-reload handler (named by its public <see cref="MetadataUpdateHandlerAttribute"/>) clears it.
/// </summary>
internal static class SerializerCaches
{
    private static readonly Action<Type[]?>? ClearCache = typeof(JsonSerializer).Assembly
        .GetCustomAttributes<MetadataUpdateHandlerAttribute>()
        .Select(a => a.HandlerType.GetMethod("ClearCache", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(Type[])]))
        .OfType<MethodInfo>()
        .Select(m => m.CreateDelegate<Action<Type[]?>>())
        .FirstOrDefault();

    /// <summary>Clears the cache; does nothing on a runtime whose serializer has no such handler.</summary>
    public static void Clear() => ClearCache?.Invoke(null);
}
