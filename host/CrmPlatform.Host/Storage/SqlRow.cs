using System.Data.Common;

namespace CrmPlatform.Host.Storage;

/// <summary>The current row of a query, read the same way on every backend.</summary>
public readonly struct SqlRow(DbDataReader reader, SqlDatabase database)
{
    /// <summary>A text column.</summary>
    public string Text(int ordinal) => reader.GetString(ordinal);

    /// <summary>A text column that may be empty.</summary>
    public string? NullableText(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>An integer column.</summary>
    public long Number(int ordinal) => reader.GetInt64(ordinal);

    /// <summary>An integer column that may be empty.</summary>
    public long? NullableNumber(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>A 32-bit integer column.</summary>
    public int SmallNumber(int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A boolean column (an integer 0/1 on SQLite).</summary>
    public bool Flag(int ordinal) => reader.GetBoolean(ordinal);

    /// <summary>A decimal column (text or a number on SQLite, numeric on PostgreSQL).</summary>
    public decimal Amount(int ordinal) => reader.GetDecimal(ordinal);

    /// <summary>A binary column.</summary>
    public byte[] Bytes(int ordinal) => (byte[])reader.GetValue(ordinal);

    /// <summary>A time column.</summary>
    public DateTimeOffset Time(int ordinal) => database.ReadTime(reader, ordinal);

    /// <summary>A time column that may be empty.</summary>
    public DateTimeOffset? NullableTime(int ordinal) => reader.IsDBNull(ordinal) ? null : database.ReadTime(reader, ordinal);

    /// <summary>True when the column is empty.</summary>
    public bool IsNull(int ordinal) => reader.IsDBNull(ordinal);
}
