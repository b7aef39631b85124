using Microsoft.AspNetCore.Identity;

namespace CrmPlatform.Host.Console.People;

// The accessors Identity calls on a person it holds; they read and set the object, and
// UpdateAsync saves it.
internal sealed partial class ConsolePersonStore
{
    /// <inheritdoc />
    public Task<string> GetUserIdAsync(ConsolePerson user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).Id);

    /// <inheritdoc />
    public Task<string?> GetUserNameAsync(ConsolePerson user, CancellationToken cancellationToken) => Task.FromResult<string?>(Checked(user).UserName);

    /// <inheritdoc />
    public Task SetUserNameAsync(ConsolePerson user, string? userName, CancellationToken cancellationToken)
    {
        Checked(user).UserName = userName ?? "";
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string?> GetNormalizedUserNameAsync(ConsolePerson user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(Checked(user).NormalizedUserName);

    /// <inheritdoc />
    public Task SetNormalizedUserNameAsync(ConsolePerson user, string? normalizedName, CancellationToken cancellationToken)
    {
        Checked(user).NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetPasswordHashAsync(ConsolePerson user, string? passwordHash, CancellationToken cancellationToken)
    {
        Checked(user).PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string?> GetPasswordHashAsync(ConsolePerson user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).PasswordHash);

    /// <inheritdoc />
    public Task<bool> HasPasswordAsync(ConsolePerson user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).PasswordHash is not null);

    /// <inheritdoc />
    public Task SetSecurityStampAsync(ConsolePerson user, string stamp, CancellationToken cancellationToken)
    {
        Checked(user).SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string?> GetSecurityStampAsync(ConsolePerson user, CancellationToken cancellationToken) => Task.FromResult<string?>(Checked(user).SecurityStamp);

    /// <inheritdoc />
    public Task<DateTimeOffset?> GetLockoutEndDateAsync(ConsolePerson user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).LockoutEnd);

    /// <inheritdoc />
    public Task SetLockoutEndDateAsync(ConsolePerson user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        Checked(user).LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> IncrementAccessFailedCountAsync(ConsolePerson user, CancellationToken cancellationToken) =>
        Task.FromResult(++Checked(user).AccessFailedCount);

    /// <inheritdoc />
    public Task ResetAccessFailedCountAsync(ConsolePerson user, CancellationToken cancellationToken)
    {
        Checked(user).AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> GetAccessFailedCountAsync(ConsolePerson user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).AccessFailedCount);

    /// <inheritdoc />
    public Task<bool> GetLockoutEnabledAsync(ConsolePerson user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).LockoutEnabled);

    /// <inheritdoc />
    public Task SetLockoutEnabledAsync(ConsolePerson user, bool enabled, CancellationToken cancellationToken)
    {
        Checked(user).LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    private static ConsolePerson Checked(ConsolePerson user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user;
    }
}
