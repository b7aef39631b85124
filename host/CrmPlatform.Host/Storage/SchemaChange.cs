namespace CrmPlatform.Host.Storage;

/// <summary>
/// What one migration step did to (or, for a status check, would do to) one component's tables:
/// its version before and after, and the newest version this build knows.
/// </summary>
public sealed record SchemaChange(string Component, int Before, int After, int Newest)
{
    /// <summary>Migrations this build knows that the database has not run.</summary>
    public int Pending => Math.Max(0, Newest - After);

    /// <summary>One line for an operator: <c>read-model: 3 -> 5</c>, <c>api-keys: 2 (current)</c>, <c>plugins: 1, 2 pending</c>.</summary>
    public override string ToString() =>
        Pending > 0 ? $"{Component}: {After}, {Pending} pending (newest {Newest})"
        : Before == After ? $"{Component}: {After} (current)"
        : $"{Component}: {Before} -> {After}";
}
