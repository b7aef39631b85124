namespace CrmPlatform.Host.Console;

/// <summary>The console's fixed addresses.</summary>
internal static class ConsolePaths
{
    /// <summary>Where the first admin is created.</summary>
    public const string Welcome = "/welcome";

    /// <summary>The sign-in page.</summary>
    public const string SignIn = "/sign-in";

    /// <summary>Signs out (a form post).</summary>
    public const string SignOut = "/sign-out";

    /// <summary>Shown when a signed-in person may not open a page.</summary>
    public const string AccessDenied = "/access-denied";

    /// <summary>Sets the language (a form post).</summary>
    public const string Culture = "/culture";

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path of this site (never another site: an open
    /// redirect would let a link sign someone in and send them elsewhere), otherwise the home page.
    /// </summary>
    public static string Local(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains('\n', StringComparison.Ordinal)
            ? url
            : "/";
}
