namespace CrmPlatform.Host.Storage;

/// <summary>The storage backends.</summary>
public enum StorageProvider
{
    /// <summary>SQLite files in the data directory: one process (embedded mode).</summary>
    Sqlite = 0,

    /// <summary>One PostgreSQL database for every silo of a cluster.</summary>
    Postgres = 1,
}
