using System.Net;
using CrmPlatform.Host.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Console.People;

/// <summary>
/// The first admin, created on the welcome page: only in embedded mode, only from a browser on the
/// same machine, and only while nobody exists — so no secret is ever printed to a log, and nobody on
/// the network can claim a fresh installation.
/// </summary>
internal sealed class ConsoleWelcome(
    ConsolePersonStore people, UserManager<ConsolePerson> users, IOptions<StorageOptions> storage, TimeProvider time)
{
    /// <summary>Why the welcome page is closed to <paramref name="http"/>, or null when it is open.</summary>
    public async Task<WelcomeClosed?> ClosedReasonAsync(HttpContext http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await people.AnyAsync(cancellationToken))
        {
            return WelcomeClosed.SomeoneExists;
        }

        if (storage.Value.Provider != StorageProvider.Sqlite)
        {
            return WelcomeClosed.ClusterMode;
        }

        return IsLocal(http) ? null : WelcomeClosed.NotLocal;
    }

    /// <summary>
    /// Creates the first admin with Identity's rules (user name, password, hashing); fails with the
    /// rules' errors, or with <see cref="WelcomeClosed.SomeoneExists"/>'s error when someone was first.
    /// </summary>
    public async Task<IdentityResult> CreateFirstAdminAsync(string userName, string displayName, string password, CancellationToken cancellationToken = default)
    {
        var person = new ConsolePerson
        {
            UserName = userName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName.Trim() : displayName.Trim(),
            Role = ConsoleRole.Admin,
            CreatedAt = time.GetUtcNow(),
        };
        person.NormalizedUserName = users.NormalizeName(person.UserName);
        var errors = new List<IdentityError>();
        foreach (var validator in users.UserValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, person)).Errors);
        }

        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, person, password)).Errors);
        }

        if (errors.Count > 0)
        {
            return IdentityResult.Failed([.. errors]);
        }

        person.PasswordHash = users.PasswordHasher.HashPassword(person, password);
        return await people.CreateFirstAsync(person, cancellationToken)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = nameof(WelcomeClosed.SomeoneExists), Description = "The first admin already exists." });
    }

    /// <summary>True when the request came from this machine and no proxy forwarded it.</summary>
    public static bool IsLocal(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded");
    }
}
