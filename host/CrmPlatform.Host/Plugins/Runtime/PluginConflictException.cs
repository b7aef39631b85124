namespace CrmPlatform.Host.Plugins.Runtime;

/// <summary>An install or upgrade that conflicts with what is installed.</summary>
public sealed class PluginConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PluginConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PluginConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
