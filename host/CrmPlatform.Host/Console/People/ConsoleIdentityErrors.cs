using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CrmPlatform.Host.Console.People;

/// <summary>Identity's refusals that a person meets on the console's forms, in the console's languages; the others keep Identity's English.</summary>
internal sealed class ConsoleIdentityErrors(IStringLocalizer<ConsoleText> texts) : IdentityErrorDescriber
{
    /// <inheritdoc />
    public override IdentityError PasswordTooShort(int length) =>
        Localized(base.PasswordTooShort(length), "ErrorPasswordTooShort", length);

    /// <inheritdoc />
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Localized(base.PasswordRequiresUniqueChars(uniqueChars), "ErrorPasswordUniqueChars", uniqueChars);

    /// <inheritdoc />
    public override IdentityError DuplicateUserName(string userName) =>
        Localized(base.DuplicateUserName(userName), "ErrorDuplicateUserName", userName);

    /// <inheritdoc />
    public override IdentityError InvalidUserName(string? userName) =>
        Localized(base.InvalidUserName(userName), "ErrorInvalidUserName", userName ?? "");

    private IdentityError Localized(IdentityError error, string key, object argument) =>
        new() { Code = error.Code, Description = texts[key, Convert.ToString(argument, CultureInfo.CurrentCulture) ?? ""] };
}
