namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>The read model's lookups of customers by contact point, for inbound messages.</summary>
public sealed partial class SqliteReadModel
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FindByContactAsync(string? email, string? phone, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id FROM customers WHERE lower(primary_email) = lower($email)
            UNION SELECT id FROM customers WHERE primary_phone = $phone
            ORDER BY id LIMIT $max
            """;
        command.Parameters.AddWithValue("$email", (object?)email ?? DBNull.Value);
        command.Parameters.AddWithValue("$phone", (object?)phone ?? DBNull.Value);
        command.Parameters.AddWithValue("$max", maxCount);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
