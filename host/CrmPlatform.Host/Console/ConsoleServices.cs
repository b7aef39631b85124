using CrmPlatform.Host.Console.People;
using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Security;
using CrmPlatform.Host.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace CrmPlatform.Host.Console;

/// <summary>The web console's services: Blazor with interactive server components, MudBlazor, people and their sign-in, and the two languages.</summary>
internal static class ConsoleServices
{
    /// <summary>How long a sign-in lasts without use.</summary>
    public static readonly TimeSpan SignInLifetime = TimeSpan.FromHours(8);

    /// <summary>Adds the console to <paramref name="builder"/>.</summary>
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder, CrmHostOptions host)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(host);

        // Run from a build (dotnet run, the tests), the console's files and MudBlazor's are where the
        // build's manifest says, not in wwwroot; a published host has them in wwwroot and no manifest,
        // and then this does nothing.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLocalization();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        // The key ring that protects cookies and anti-forgery tokens lives with the platform's data,
        // so a restart does not sign everybody out.
        services.AddDataProtection()
            .SetApplicationName("CrmPlatform")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(host.DataDirectory, "data-protection-keys")));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "crm.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddStore(ConsolePersonStore.Schema, (database, _) => new ConsolePersonStore(database));
        services.AddScoped<IUserStore<ConsolePerson>>(sp => sp.GetRequiredService<ConsolePersonStore>());
        services.AddIdentityCore<ConsolePerson>(ConfigureIdentity)
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ConsolePrincipalFactory>()
            .AddErrorDescriber<ConsoleIdentityErrors>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthentication().AddCookie(CrmAuthentication.PeopleScheme, ConfigureCookie);
        services.AddScoped<ConsoleWelcome>();
        services.AddScoped<ConsoleCustomers>();
        services.AddScoped<ConsoleCustomerSearch>();
        services.AddScoped<ConsolePeople>();
        return builder;
    }

    private static void ConfigureIdentity(IdentityOptions o)
    {
        // Length over composition rules (NIST SP 800-63B): long passphrases, no forced symbol soup.
        o.Password.RequiredLength = 12;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 4;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.User.RequireUniqueEmail = false;
        o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "crm.console";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = SignInLifetime;
        o.SlidingExpiration = true;
        o.LoginPath = ConsolePaths.SignIn;
        o.LogoutPath = ConsolePaths.SignOut;
        o.AccessDeniedPath = ConsolePaths.AccessDenied;
        o.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;

        // A page a browser navigates to goes to the sign-in page; anything else (the circuit's
        // connection, a form post) gets the status code alone.
        o.Events.OnRedirectToLogin = context => RedirectNavigationsOnly(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => RedirectNavigationsOnly(context, StatusCodes.Status403Forbidden);
    }

    private static Task RedirectNavigationsOnly(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }
}
