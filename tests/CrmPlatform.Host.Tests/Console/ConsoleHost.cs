using System.Net.Http.Json;
using CrmPlatform.Host.Console.People;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Tests.Channels.WebChat;
using CrmPlatform.Host.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrmPlatform.Host.Tests.Console;

/// <summary>A running platform and Debian's headless chromium, with what the console tests do in both.</summary>
internal sealed class ConsoleHost : IAsyncDisposable
{
    /// <summary>The console's browser tests run one class at a time: each starts a host and a browser, and the machine has two cores.</summary>
    public const string Collection = "console browser";

    public const string AdminName = "admin@example.com";
    public const string AdminPassword = "a long admin passphrase";

    private readonly IPlaywright _playwright;

    private ConsoleHost(CrmTestHost host, IPlaywright playwright, IBrowser browser)
    {
        Host = host;
        _playwright = playwright;
        Browser = browser;
    }

    public CrmTestHost Host { get; }

    public IBrowser Browser { get; }

    /// <summary>Console errors of every page opened through <see cref="NewPageAsync"/>.</summary>
    public List<string> Errors { get; } = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<ConsoleHost> StartAsync()
    {
        var host = await CrmTestHost.StartAsync();
        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            var browser = await HeadlessChromium.LaunchAsync(playwright);
            Assertions.SetDefaultExpectTimeout(20_000);
            return new ConsoleHost(host, playwright, browser);
        }
        catch
        {
            playwright?.Dispose();
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>A page in a fresh browser context whose browser asks for <paramref name="locale"/> (Accept-Language).</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, BaseURL = Host.BaseAddress.ToString() });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>Registers a customer through the API and waits until the read model lists it.</summary>
    public async Task RegisterCustomerAsync(string id, string firstName, string lastName, string email, string? company = null)
    {
        var created = await Host.Admin.PostAsJsonAsync(
            "api/customers", new { id, kind = "person", firstName, lastName, company, emails = new[] { email }, phones = new[] { "+44 20 7946 0000" } }, Cancel);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Cancel));
        await WebChatHost.WaitUntilAsync(
            async () => (await Host.GetService<ICustomerReadModel>().FindByContactAsync(email, null, 10, Cancel)).Count == 1,
            $"the read model lists {id}");
    }

    /// <summary>Creates a person directly through Identity (the way an admin screen would), for tests that need more than the first admin.</summary>
    public async Task CreatePersonAsync(string userName, string displayName, ConsoleRole role, string password)
    {
        using var scope = Host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsolePerson>>();
        var result = await users.CreateAsync(
            new ConsolePerson { UserName = userName, DisplayName = displayName, Role = role, CreatedAt = Host.GetService<TimeProvider>().GetUtcNow() },
            password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Opens the console on a fresh installation and creates the first admin on the welcome page.</summary>
    public static async Task CreateFirstAdminAsync(IPage page, string welcomeHeading)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/welcome$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(welcomeHeading);
        await page.Locator("#display-name").FillAsync("Alice Admin");
        await page.Locator("#user-name").FillAsync(AdminName);
        await page.Locator("#password").FillAsync(AdminPassword);
        await page.GetByTestId("create-admin").ClickAsync();
    }

    /// <summary>Signs in on the sign-in page.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
        await page.Locator("#user-name").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
    }

    /// <summary>Runs axe-core on the page as it stands; returns the serious and critical violations, described.</summary>
    public static async Task<IReadOnlyList<string>> SeriousAccessibilityViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return [.. result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url} {v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")];
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Host.DisposeAsync();
    }
}
