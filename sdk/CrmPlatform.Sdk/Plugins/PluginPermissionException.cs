namespace CrmPlatform.Sdk.Plugins;

/// <summary>A plugin did something its manifest does not grant.</summary>
public sealed class PluginPermissionException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public PluginPermissionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PluginPermissionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PluginPermissionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a missing permission.</summary>
    public PluginPermissionException(string pluginId, string permission)
        : base($"Plugin '{pluginId}' lacks the permission '{permission}'; add it to the manifest's permissions.")
    {
        Permission = permission;
    }

    /// <summary>The permission the plugin lacked.</summary>
    public string? Permission { get; }
}
