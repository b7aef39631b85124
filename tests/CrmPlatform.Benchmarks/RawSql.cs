using Microsoft.Data.Sqlite;

namespace CrmPlatform.Benchmarks;

/// <summary>Small read-only queries on a platform SQLite file.</summary>
internal static class RawSql
{
    public static long Count(string path, string table = "events")
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The table name is one of the benchmark's constants.
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
#pragma warning restore CA2100
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The columns of <paramref name="table"/> in declaration order.</summary>
    public static IReadOnlyList<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info($table) ORDER BY cid";
        command.Parameters.AddWithValue("$table", table);
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    public static string Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The pragma name is one of the benchmark's constants.
        command.CommandText = $"PRAGMA {name}";
#pragma warning restore CA2100
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
