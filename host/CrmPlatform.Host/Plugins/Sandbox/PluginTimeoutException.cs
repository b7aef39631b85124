namespace CrmPlatform.Host.Plugins.Sandbox;

/// <summary>A plugin call ran out of its time budget.</summary>
public sealed class PluginTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public PluginTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PluginTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PluginTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
