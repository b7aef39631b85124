namespace CrmPlatform.Host.Plugins.Runtime;

/// <summary>An operation on a plugin that is not installed.</summary>
public sealed class PluginNotInstalledException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginNotInstalledException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PluginNotInstalledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PluginNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
