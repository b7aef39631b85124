using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Sdk.Composition;

/// <summary>Where a plugin starts: the single non-abstract class implementing <see cref="IPlugin"/> among the types looked at.</summary>
internal static class EntryPoints
{
    /// <summary>The candidates among <paramref name="types"/>; a plugin is composed only when there is exactly one.</summary>
    public static IReadOnlyList<Type> In(IEnumerable<Type> types) =>
        [.. types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPlugin).IsAssignableFrom(t))];
}
