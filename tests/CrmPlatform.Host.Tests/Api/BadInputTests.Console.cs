using System.Net;
using System.Text.Json;
using CrmPlatform.Host.Tests.Console;

namespace CrmPlatform.Host.Tests.Api;

// The console's one form post that takes input of its own: the language.
public sealed partial class BadInputTests
{
    [Theory]
    [InlineData("tlh")]
    [InlineData("")]
    [InlineData(Script)]
    [InlineData(SqlDrop)]
    public async Task Culture_NotALanguageOfTheConsole_Is400NamingCultureAndSetsNothing(string culture)
    {
        using var client = ConsoleForms.Browser(api.Host, out var cookies);
        var token = await ConsoleForms.AntiforgeryTokenAsync(client);

        var response = await client.PostAsync(
            "culture", ConsoleForms.Form(("culture", culture), ("returnUrl", "/"), ("__RequestVerificationToken", token)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("culture", out _));
        Assert.Null(cookies.GetCookies(client.BaseAddress!)[".AspNetCore.Culture"]);
    }
}
