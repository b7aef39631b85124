namespace CrmPlatform.Host.Import;

/// <summary>The stored names of <see cref="ImportJobState"/> and <see cref="ImportKind"/> values.</summary>
public static class ImportJobStates
{
    /// <summary>The lower-case name stored and shown.</summary>
    public static string Name(ImportJobState state) => state.ToString().ToLowerInvariant();

    /// <summary>The lower-case name stored and shown.</summary>
    public static string Name(ImportKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Parses a stored state.</summary>
    public static ImportJobState ParseState(string name) => Enum.Parse<ImportJobState>(name, ignoreCase: true);

    /// <summary>Parses a stored kind.</summary>
    public static ImportKind ParseKind(string name) => Enum.Parse<ImportKind>(name, ignoreCase: true);
}
