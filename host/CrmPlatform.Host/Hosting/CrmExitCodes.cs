namespace CrmPlatform.Host.Hosting;

/// <summary>The process's exit codes (documented in the README); scripts and supervisors rely on them.</summary>
public static class CrmExitCodes
{
    /// <summary>Done (also <c>--help</c>, <c>--version</c>, and <c>migrate --status</c> with nothing pending).</summary>
    public const int Success = 0;

    /// <summary>The platform failed while running (for example its storage could not be reached at start).</summary>
    public const int Failure = 1;

    /// <summary>An unknown command-line argument or <c>Crm:</c> configuration key; nothing was started.</summary>
    public const int UnknownSetting = 2;

    /// <summary>A setting is missing or invalid (for example the PostgreSQL provider without a connection string).</summary>
    public const int InvalidConfiguration = 3;

    /// <summary><c>migrate --status</c>: migrations are pending.</summary>
    public const int MigrationsPending = 4;
}
