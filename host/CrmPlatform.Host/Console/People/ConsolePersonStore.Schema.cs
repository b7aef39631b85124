using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Console.People;

internal sealed partial class ConsolePersonStore
{
    /// <summary>The people table.</summary>
    public static SchemaComponent Schema { get; } = new(
        "console-people",
        "platform.db",
        Sqlite:
        [
            """
            CREATE TABLE console_people (
                id TEXT PRIMARY KEY,
                user_name TEXT NOT NULL,
                normalized_user_name TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                role TEXT NOT NULL,
                password_hash TEXT,
                security_stamp TEXT NOT NULL,
                concurrency_stamp TEXT NOT NULL,
                access_failed_count INTEGER NOT NULL,
                lockout_end TEXT,
                lockout_enabled INTEGER NOT NULL,
                created_at TEXT NOT NULL
            );
            """,
        ],
        Postgres:
        [
            """
            CREATE TABLE crm_console_people (
                id text COLLATE "C" PRIMARY KEY,
                user_name text NOT NULL,
                normalized_user_name text COLLATE "C" NOT NULL UNIQUE,
                display_name text NOT NULL,
                role text NOT NULL,
                password_hash text,
                security_stamp text NOT NULL,
                concurrency_stamp text NOT NULL,
                access_failed_count integer NOT NULL,
                lockout_end timestamptz,
                lockout_enabled boolean NOT NULL,
                created_at timestamptz NOT NULL
            );
            """,
        ]);
}
