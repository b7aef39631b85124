namespace CrmPlatform.Host.Storage;

/// <summary>Where the platform keeps its data (configuration section <c>Crm:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Storage";

    /// <summary>The backend: embedded SQLite files (the default) or a PostgreSQL database shared by a cluster.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The PostgreSQL connection string (Npgsql format); required for <see cref="StorageProvider.Postgres"/>.</summary>
    public string? ConnectionString { get; set; }
}
