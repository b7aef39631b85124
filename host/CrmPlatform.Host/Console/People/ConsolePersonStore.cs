using CrmPlatform.Host.Storage;
using Microsoft.AspNetCore.Identity;

namespace CrmPlatform.Host.Console.People;

/// <summary>
/// The people who sign in to the console, for ASP.NET Core Identity: written once over
/// <see cref="SqlDatabase"/> (the embedded <c>platform.db</c> or the cluster's PostgreSQL). Identity
/// does the rest — password hashing, rules, lockout, security stamps — and this store only keeps rows.
/// A save carries the concurrency stamp the person was read with, so two admins editing at once
/// cannot silently undo each other.
/// </summary>
internal sealed partial class ConsolePersonStore(SqlDatabase database) :
    IUserPasswordStore<ConsolePerson>, IUserSecurityStampStore<ConsolePerson>, IUserLockoutStore<ConsolePerson>
{
    private const string Columns =
        "id, user_name, normalized_user_name, display_name, role, password_hash, security_stamp, concurrency_stamp, access_failed_count, lockout_end, lockout_enabled, created_at";

    private readonly string _table = database.Pick("console_people", "crm_console_people");

    /// <summary>Everyone, by sign-in name.</summary>
    public Task<IReadOnlyList<ConsolePerson>> ListAsync(CancellationToken cancellationToken = default) =>
        database.QueryAsync($"SELECT {Columns} FROM {_table} ORDER BY normalized_user_name", null, Read, cancellationToken);

    /// <summary>True when at least one person exists (the welcome page is then closed for good).</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default) =>
        await database.ScalarAsync<long>($"SELECT COUNT(*) FROM {_table}", null, cancellationToken) > 0;

    /// <summary>
    /// Stores <paramref name="person"/> only when nobody exists yet, atomically — two browsers on the
    /// welcome page at once, or several silos, make exactly one first person. False when someone existed.
    /// </summary>
    public Task<bool> CreateFirstAsync(ConsolePerson person, CancellationToken cancellationToken = default) =>
        InsertAsync(person, onlyIfEmpty: true, cancellationToken);

    /// <inheritdoc />
    public async Task<IdentityResult> CreateAsync(ConsolePerson user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        try
        {
            await InsertAsync(user, onlyIfEmpty: false, cancellationToken);
            return IdentityResult.Success;
        }
        catch (System.Data.Common.DbException ex) when (database.IsUniqueViolation(ex))
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.UserName));
        }
    }

    /// <inheritdoc />
    public async Task<IdentityResult> UpdateAsync(ConsolePerson user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var read = user.ConcurrencyStamp;
        var next = Guid.NewGuid().ToString("N");
        int changed;
        try
        {
            changed = await database.ExecuteAsync(
                $"""
                UPDATE {_table} SET user_name = @UserName, normalized_user_name = @NormalizedUserName, display_name = @DisplayName,
                    role = @role, password_hash = @PasswordHash, security_stamp = @SecurityStamp, concurrency_stamp = @next,
                    access_failed_count = @AccessFailedCount, lockout_end = @lockoutEnd, lockout_enabled = @LockoutEnabled
                WHERE id = @Id AND concurrency_stamp = @read
                """,
                new
                {
                    user.Id, user.UserName, user.NormalizedUserName, user.DisplayName, role = ConsoleRoles.Name(user.Role), user.PasswordHash,
                    user.SecurityStamp, next, user.AccessFailedCount, lockoutEnd = database.Time(user.LockoutEnd), user.LockoutEnabled, read,
                },
                cancellationToken);
        }
        catch (System.Data.Common.DbException ex) when (database.IsUniqueViolation(ex))
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.UserName));
        }

        if (changed == 0)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }

        user.ConcurrencyStamp = next;
        return IdentityResult.Success;
    }

    /// <inheritdoc />
    public async Task<IdentityResult> DeleteAsync(ConsolePerson user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var deleted = await database.ExecuteAsync(
            $"DELETE FROM {_table} WHERE id = @Id AND concurrency_stamp = @ConcurrencyStamp", new { user.Id, user.ConcurrencyStamp }, cancellationToken);
        return deleted == 1 ? IdentityResult.Success : IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    /// <inheritdoc />
    public Task<ConsolePerson?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        IsStorable(userId)
            ? database.QueryFirstAsync($"SELECT {Columns} FROM {_table} WHERE id = @userId", new { userId }, Read, cancellationToken)
            : Task.FromResult<ConsolePerson?>(null);

    /// <inheritdoc />
    public Task<ConsolePerson?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        IsStorable(normalizedUserName)
            ? database.QueryFirstAsync(
                $"SELECT {Columns} FROM {_table} WHERE normalized_user_name = @normalizedUserName", new { normalizedUserName }, Read, cancellationToken)
            : Task.FromResult<ConsolePerson?>(null);

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing is held between calls: each opens its own connection.
    }

    private async Task<bool> InsertAsync(ConsolePerson person, bool onlyIfEmpty, CancellationToken cancellationToken) =>
        await database.InTransactionAsync(
            (connection, transaction) => SqlDatabase.ExecuteAsync(
                connection,
                transaction,
                // SQLite's single writer makes the check and the insert one step; PostgreSQL silos
                // serialize on the lock, and the insert's snapshot, taken after it, sees a first person
                // another silo committed meanwhile.
                database.Pick("", "SELECT pg_advisory_xact_lock(7166827712346);") + $"""
                INSERT INTO {_table} ({Columns})
                SELECT @Id, @UserName, @NormalizedUserName, @DisplayName, @role, @PasswordHash, @SecurityStamp, @ConcurrencyStamp,
                    @AccessFailedCount, @lockoutEnd, @LockoutEnabled, @createdAt
                WHERE NOT @onlyIfEmpty OR NOT EXISTS (SELECT 1 FROM {_table})
                """,
                new
                {
                    person.Id, person.UserName, person.NormalizedUserName, person.DisplayName, role = ConsoleRoles.Name(person.Role), person.PasswordHash,
                    person.SecurityStamp, person.ConcurrencyStamp, person.AccessFailedCount, lockoutEnd = database.Time(person.LockoutEnd),
                    person.LockoutEnabled, createdAt = database.Time(person.CreatedAt), onlyIfEmpty,
                },
                cancellationToken),
            cancellationToken) == 1;

    // No id or name contains U+0000 (PostgreSQL text cannot even hold it): such a key finds nobody.
    private static bool IsStorable(string key) => key is not null && !key.Contains('\0', StringComparison.Ordinal);

    private static ConsolePerson Read(SqlRow r) => new()
    {
        Id = r.Text(0),
        UserName = r.Text(1),
        NormalizedUserName = r.Text(2),
        DisplayName = r.Text(3),
        Role = ConsoleRoles.Parse(r.Text(4)) ?? ConsoleRole.Reader,
        PasswordHash = r.NullableText(5),
        SecurityStamp = r.Text(6),
        ConcurrencyStamp = r.Text(7),
        AccessFailedCount = r.SmallNumber(8),
        LockoutEnd = r.NullableTime(9),
        LockoutEnabled = r.Flag(10),
        CreatedAt = r.Time(11),
    };
}
