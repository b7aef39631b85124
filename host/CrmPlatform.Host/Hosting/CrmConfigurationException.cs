namespace CrmPlatform.Host.Hosting;

/// <summary>
/// The configuration cannot run the platform (an unknown key, a missing or malformed setting);
/// the process reports <see cref="Exception.Message"/> on one line and exits with a code of <see cref="CrmExitCodes"/>.
/// </summary>
public sealed class CrmConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CrmConfigurationException()
    {
    }

    /// <summary>Creates the exception with a one-line reason.</summary>
    public CrmConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line reason and its cause.</summary>
    public CrmConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exit code: <see cref="CrmExitCodes.UnknownSetting"/> or <see cref="CrmExitCodes.InvalidConfiguration"/>.</summary>
    public int ExitCode { get; init; } = CrmExitCodes.InvalidConfiguration;
}
