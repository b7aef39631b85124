namespace CrmPlatform.Sdk.Testing;

/// <summary>Where <see cref="PluginTestHost"/> looks for a plugin's entry point, handlers, hooks and jobs.</summary>
public enum PluginScanScope
{
    /// <summary>
    /// The whole assembly of the plugin type, exactly like the platform: the assembly holds a single
    /// class implementing <see cref="Plugins.IPlugin"/>. Use it for a plugin's own project.
    /// </summary>
    Assembly = 0,

    /// <summary>
    /// Only the plugin type's namespace and the namespaces below it, so one test assembly can hold
    /// several small test plugins, each in a namespace of its own.
    /// </summary>
    Namespace = 1,
}
