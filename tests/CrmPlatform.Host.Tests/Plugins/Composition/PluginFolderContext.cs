using System.Reflection;
using System.Runtime.Loader;

namespace CrmPlatform.Host.Tests.Plugins.Composition;

/// <summary>
/// Loads a plugin's own assemblies from its folder for the test kit, as a plugin author's test
/// project would have them; everything the test process already has (the SDK, the DI and logging
/// abstractions, the test kit) comes from the default context, so the types are the test's own.
/// </summary>
internal sealed class PluginFolderContext(string folder) : AssemblyLoadContext($"parity:{Path.GetFileName(folder)}")
{
    private static readonly HashSet<string> Shared = [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Select(Path.GetFileNameWithoutExtension)
        .OfType<string>()];

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(folder, assemblyName.Name + ".dll");
        return Shared.Contains(assemblyName.Name!) || !File.Exists(path) ? null : LoadFromAssemblyPath(path);
    }
}
