using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Console.People;

/// <summary>Identity's principal for a person, plus the role claims of their permission level and the name to show.</summary>
internal sealed class ConsolePrincipalFactory(UserManager<ConsolePerson> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ConsolePerson>(users, options)
{
    /// <inheritdoc />
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ConsolePerson user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(ConsoleRoles.Claims(user.Role));
        identity.AddClaim(new Claim(ConsoleRoles.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
