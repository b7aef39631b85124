using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Console;

/// <summary>What a browser does with the console's forms, over plain HTTP: cookies, the anti-forgery token, form posts.</summary>
internal static partial class ConsoleForms
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A client that keeps cookies, follows no redirect and asks for HTML, as a browser does.</summary>
    public static HttpClient Browser(CrmTestHost host, out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client;
    }

    /// <summary>The anti-forgery token of the welcome page (or the sign-in page it forwards to); its cookie lands in the client's jar.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var response = await client.GetAsync("welcome", Cancel);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            response = await client.GetAsync(response.Headers.Location, Cancel);
        }

        var html = await response.Content.ReadAsStringAsync(Cancel);
        return TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No anti-forgery token in: {html}");
    }

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
