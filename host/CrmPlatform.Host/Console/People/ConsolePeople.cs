using System.Security.Claims;
using CrmPlatform.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CrmPlatform.Host.Console.People;

/// <summary>
/// The people an administrator manages: listed from the store, created through Identity's
/// <see cref="UserManager{TUser}"/> (its user-name and password rules, hashing), and only for a
/// caller the API's admin policy allows — checked here, on the server, whatever a screen showed.
/// </summary>
internal sealed class ConsolePeople(
    ConsolePersonStore store, UserManager<ConsolePerson> users, IAuthorizationService authorization, TimeProvider time)
{
    /// <summary>Everyone, by sign-in name.</summary>
    public Task<IReadOnlyList<ConsolePerson>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    /// <summary>Creates a person on behalf of <paramref name="caller"/>; null when done, else why not (Identity's errors, or the refusal).</summary>
    public async Task<IReadOnlyList<string>?> CreateAsync(
        ClaimsPrincipal caller, string userName, string displayName, ConsoleRole role, string password)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!(await authorization.AuthorizeAsync(caller, CrmPolicies.Admin)).Succeeded)
        {
            return [nameof(ConsoleOutcome.Forbidden)];
        }

        var person = new ConsolePerson
        {
            UserName = userName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName.Trim() : displayName.Trim(),
            Role = role,
            CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(person, password);
        return result.Succeeded ? null : [.. result.Errors.Select(e => e.Description)];
    }
}
