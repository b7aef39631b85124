using CrmPlatform.Sdk.Composition;
using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Sdk.Testing;

/// <summary>Finds and creates a plugin's entry point the way the platform does.</summary>
internal static class PluginEntryPoint
{
    /// <summary>True when <paramref name="type"/> is among the types the platform would look at for <paramref name="pluginType"/>.</summary>
    public static bool InScope(Type type, Type pluginType, PluginScanScope scope)
    {
        if (type.Assembly != pluginType.Assembly)
        {
            return false;
        }

        if (scope == PluginScanScope.Assembly)
        {
            return true;
        }

        var root = pluginType.Namespace ?? string.Empty;
        var ns = type.Namespace ?? string.Empty;
        return root.Length == 0 || ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);
    }

    /// <summary>Checks that <paramref name="pluginType"/> is the single public entry point in scope and creates it.</summary>
    public static IPlugin Create(Type pluginType, PluginManifest manifest, PluginScanScope scope)
    {
        var assemblyFile = pluginType.Assembly.GetName().Name + ".dll";
        if (!string.Equals(manifest.EntryAssembly, assemblyFile, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Plugin '{manifest.Id}': the manifest's entryAssembly is '{manifest.EntryAssembly}', but {pluginType.Name} is in '{assemblyFile}'.");
        }

        var candidates = EntryPoints.In(pluginType.Assembly.GetTypes().Where(t => InScope(t, pluginType, scope)));
        var where = scope == PluginScanScope.Assembly ? $"assembly '{assemblyFile}'" : $"namespace '{pluginType.Namespace}'";
        if (candidates.Count != 1 || candidates[0] != pluginType)
        {
            var found = candidates.Count == 0 ? "none" : string.Join(", ", candidates.Select(t => t.FullName));
            throw new InvalidOperationException(
                $"Plugin '{manifest.Id}': the platform needs exactly one non-abstract class implementing IPlugin in {where}, and it must be {pluginType.FullName}; found {found}."
                + (scope == PluginScanScope.Assembly ? " A test assembly holding several test plugins can use PluginScanScope.Namespace." : string.Empty));
        }

        if (pluginType.GetConstructor(Type.EmptyTypes) is not { IsPublic: true })
        {
            throw new InvalidOperationException($"Plugin '{manifest.Id}': {pluginType.FullName} needs a public parameterless constructor.");
        }

        return (IPlugin)Activator.CreateInstance(pluginType)!;
    }
}
