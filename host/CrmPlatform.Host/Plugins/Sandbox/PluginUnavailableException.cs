namespace CrmPlatform.Host.Plugins.Sandbox;

/// <summary>A call was not made because the plugin is suspended (its circuit is open) or a call of it is stuck.</summary>
public sealed class PluginUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PluginUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PluginUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
