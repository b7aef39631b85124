using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Console;

/// <summary>
/// The console beside the API on one port: the API still answers 401 problem+json to anyone without
/// a key (never a sign-in page), the console's pages send a browser to sign in, and the console's
/// form posts need the anti-forgery token and name the field they refuse.
/// </summary>
[Collection(ApiHostGroup.Name)]
public sealed class ConsoleRoutesTests(ApiHostFixture api)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_BrowserWithoutKey_Gets401ProblemNotASignInPage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/customers");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await api.Anonymous.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Api_ReaderKeyOnAnAdminRoute_Gets403Problem()
    {
        var response = await api.Reader.GetAsync("api/keys", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task ConsolePage_BrowserNotSignedIn_IsSentToSignIn()
    {
        using var client = Browser(out _);
        using var request = new HttpRequestMessage(HttpMethod.Get, "customers");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fcustomers", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsolePage_ApiKeyInsteadOfCookie_IsAnsweredByTheKeyScheme()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "customers");
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.Add("X-Api-Key", "crm_000000000000_not-a-key");

        var response = await api.Anonymous.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Culture_PostedWithTheToken_SetsTheCookieAndGoesBack()
    {
        using var client = Browser(out var cookies);
        var token = await AntiforgeryTokenAsync(client);

        var response = await client.PostAsync("culture", Form(("culture", "zh-CN"), ("returnUrl", "/customers"), ("__RequestVerificationToken", token)), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/customers", response.Headers.Location!.OriginalString);
        Assert.Equal("c=zh-Hans|uic=zh-Hans", Uri.UnescapeDataString(cookies.GetCookies(client.BaseAddress!)[".AspNetCore.Culture"]!.Value));
    }

    [Fact]
    public async Task Culture_ReturnUrlOfAnotherSite_GoesHomeInstead()
    {
        using var client = Browser(out _);
        var token = await AntiforgeryTokenAsync(client);

        var response = await client.PostAsync("culture", Form(("culture", "en"), ("returnUrl", "//evil.example/"), ("__RequestVerificationToken", token)), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("culture")]
    [InlineData("sign-out")]
    public async Task FormPost_WithoutTheAntiforgeryToken_IsRefused(string path)
    {
        using var client = Browser(out _);
        await AntiforgeryTokenAsync(client);

        var response = await client.PostAsync(path, Form(("culture", "en"), ("returnUrl", "/")), Cancel);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
        Assert.DoesNotContain(".AspNetCore.Culture", response.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join(";", set) : "", StringComparison.Ordinal);
    }

    private HttpClient Browser(out CookieContainer cookies) => ConsoleForms.Browser(api.Host, out cookies);

    private static Task<string> AntiforgeryTokenAsync(HttpClient client) => ConsoleForms.AntiforgeryTokenAsync(client);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) => ConsoleForms.Form(fields);
}
