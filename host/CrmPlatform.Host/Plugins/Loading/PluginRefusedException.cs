namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>A plugin package the platform will not load, with what is wrong with it, field by field.</summary>
public sealed class PluginRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginRefusedException()
        : this("The plugin was refused.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PluginRefusedException(string message)
        : this(message, new Dictionary<string, string[]>())
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PluginRefusedException(string message, Exception innerException)
        : base(message, innerException) => Errors = new Dictionary<string, string[]> { ["package"] = [message] };

    /// <summary>Creates the exception with the failing fields.</summary>
    public PluginRefusedException(string message, IReadOnlyDictionary<string, string[]> errors)
        : base(message) => Errors = errors.Count > 0 ? errors : new Dictionary<string, string[]> { ["package"] = [message] };

    /// <summary>What is wrong, by field (<c>manifest.sdkVersion</c>, <c>package</c>, …).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
