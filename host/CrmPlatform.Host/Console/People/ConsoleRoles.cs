using System.Security.Claims;
using CrmPlatform.Host.Security;

namespace CrmPlatform.Host.Console.People;

/// <summary>
/// How a person's role maps onto the permission levels the API already checks: a person carries the
/// same role claims as an API key of that level, so the same policies (<see cref="CrmPolicies"/>)
/// decide for both, on the API and in the console.
/// </summary>
internal static class ConsoleRoles
{
    /// <summary>The claim that holds the person's console role (lower-case: <c>manager</c>).</summary>
    public const string RoleClaim = "crm:console-role";

    /// <summary>The claim that holds the name to show.</summary>
    public const string DisplayNameClaim = "crm:display-name";

    /// <summary>The API permission level of <paramref name="role"/>.</summary>
    public static ApiKeyRole Permission(ConsoleRole role) => role switch
    {
        ConsoleRole.Admin => ApiKeyRole.Admin,
        ConsoleRole.Agent or ConsoleRole.Marketer or ConsoleRole.Manager => ApiKeyRole.Agent,
        _ => ApiKeyRole.Reader,
    };

    /// <summary>The role claims of <paramref name="role"/>: every permission level up to its own, as an API key gets them.</summary>
    public static IEnumerable<Claim> Claims(ConsoleRole role) =>
    [
        new Claim(RoleClaim, Name(role)),
        .. Enum.GetValues<ApiKeyRole>().Where(r => r <= Permission(role)).Select(r => new Claim(ClaimTypes.Role, r.ToString())),
    ];

    /// <summary>The role's stored and shown name: <c>reader</c>, <c>agent</c>, <c>marketer</c>, <c>manager</c>, <c>admin</c>.</summary>
    public static string Name(ConsoleRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The role named <paramref name="name"/> (as <see cref="Name"/> writes it), or null.</summary>
    public static ConsoleRole? Parse(string? name) =>
        Enum.GetValues<ConsoleRole>().Where(r => Name(r) == name).Select(r => (ConsoleRole?)r).FirstOrDefault();
}
