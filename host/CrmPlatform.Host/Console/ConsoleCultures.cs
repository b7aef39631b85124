using System.Globalization;
using CrmPlatform.Host.Security;
using Microsoft.AspNetCore.Localization;

namespace CrmPlatform.Host.Console;

/// <summary>The console's languages — English and Simplified Chinese — and how a request picks one (its cookie, then the browser's list).</summary>
internal static class ConsoleCultures
{
    /// <summary>The language when nothing else says.</summary>
    public const string Default = "en";

    /// <summary>Simplified Chinese.</summary>
    public const string Chinese = "zh-Hans";

    /// <summary>The cultures the console speaks.</summary>
    public static IReadOnlyList<string> Supported { get; } = [Default, Chinese];

    /// <summary>The culture named <paramref name="name"/> when the console speaks it (zh-CN counts as zh-Hans), else null.</summary>
    public static string? Find(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        return name.ToLowerInvariant() switch
        {
            "en" or "en-us" or "en-gb" => Default,
            "zh" or "zh-hans" or "zh-cn" or "zh-sg" or "zh-hans-cn" => Chinese,
            _ => null,
        };
    }

    /// <summary>
    /// Sets each console request's culture (dates, numbers, texts); the API's requests keep the
    /// invariant culture whatever the caller's Accept-Language says.
    /// </summary>
    public static IApplicationBuilder UseConsoleCulture(this IApplicationBuilder app)
    {
        var cultures = Supported.Select(CultureInfo.GetCultureInfo).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Default),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return app.UseWhen(
            http => http.GetEndpoint()?.Metadata.GetMetadata<PeopleEndpoint>() is not null,
            branch => branch.UseRequestLocalization(options));
    }
}
