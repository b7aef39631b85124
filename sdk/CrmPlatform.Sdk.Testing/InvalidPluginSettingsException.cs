using CrmPlatform.Sdk.Composition;

namespace CrmPlatform.Sdk.Testing;

/// <summary>Settings given to <see cref="PluginTestHost"/> that the platform would refuse.</summary>
public sealed class InvalidPluginSettingsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidPluginSettingsException()
        : this("The settings are invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidPluginSettingsException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidPluginSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception for a list of errors.</summary>
    public InvalidPluginSettingsException(string message, IReadOnlyList<string> errors)
        : base(errors is { Count: > 0 } ? $"{message} {string.Join(" ", errors)}" : message)
    {
        Errors = errors ?? [];
    }

    /// <summary>What is wrong, one entry per problem (for example <c>PointsPerUnit: The field … must be between 0 and 1000.</c>).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The exception for what the platform's schema found wrong: unreadable JSON, or every invalid field by its property path.</summary>
    internal static InvalidPluginSettingsException From(Type settingsType, IReadOnlyList<SettingsError> errors)
    {
        if (errors.FirstOrDefault(e => e.Malformed) is { } malformed)
        {
            return new InvalidPluginSettingsException($"The settings are not valid JSON for {settingsType.Name}:", [malformed.Message]);
        }

        return new InvalidPluginSettingsException(
            $"The settings for {settingsType.Name} are invalid.",
            [.. errors.Select(e => e.Member.Length == 0 ? e.Message : $"{e.Member}: {e.Message}")]);
    }
}
