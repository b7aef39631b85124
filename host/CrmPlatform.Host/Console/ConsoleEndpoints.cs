using CrmPlatform.Host.Console.Components;
using CrmPlatform.Host.Console.People;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace CrmPlatform.Host.Console;

/// <summary>The console's routes: its pages at <c>/</c>, their static files, and the two form posts (sign-out, language).</summary>
internal static class ConsoleEndpoints
{
    /// <summary>Maps the console.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Style sheets, scripts and fonts: public, since the sign-in page needs them before anyone signs in.
        // Only the files the build listed are served: no catch-all that serves whatever lies in a
        // folder (it would also be a route that declares no authorization).
        app.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
        app.MapStaticAssets().AllowAnonymous();

        // Every page needs a signed-in person unless it says otherwise (welcome, sign-in); pages
        // that need more name the API's policy ([Authorize(Policy = CrmPolicies.Admin)]).
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization()
            .WithMetadata(PeopleEndpoint.Instance);

        app.MapPost(ConsolePaths.SignOut, SignOutAsync)
            .RequireAuthorization()
            .WithMetadata(PeopleEndpoint.Instance, new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        app.MapPost(ConsolePaths.Culture, SetCulture)
            .AllowAnonymous()
            .WithMetadata(PeopleEndpoint.Instance, new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        return app;
    }

    internal static async Task<RedirectHttpResult> SignOutAsync(SignInManager<ConsolePerson> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(ConsolePaths.SignIn);
    }

    internal static Results<RedirectHttpResult, ValidationProblem> SetCulture(HttpContext http, [FromForm] string? culture, [FromForm] string? returnUrl)
    {
        if (ConsoleCultures.Find(culture) is not { } found)
        {
            var errors = new FieldErrors();
            errors.Add("culture", $"Must be one of {string.Join(", ", ConsoleCultures.Supported)}.");
            return TypedProblems.Invalid(errors);
        }

        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(found)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
        return TypedResults.LocalRedirect(ConsolePaths.Local(returnUrl));
    }
}
