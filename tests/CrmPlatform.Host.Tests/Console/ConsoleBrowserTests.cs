using System.Text.RegularExpressions;
using CrmPlatform.Host.Console;
using CrmPlatform.Host.Console.People;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrmPlatform.Host.Tests.Console;

/// <summary>
/// The console end to end in Debian's headless chromium, driven by Playwright: a fresh installation,
/// the first admin created on the welcome page, signing in and out, finding a customer that the API
/// created and opening its 360° page — in English and in Chinese — with axe-core checking each main
/// page; and a reader who sees no button that the server would refuse. Fails (never skips) when
/// /usr/bin/chromium is missing: scripts/test.sh installs it.
/// </summary>
[Collection(ConsoleHost.Collection)]
public sealed class ConsoleBrowserTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Journey_FirstAdminSignsInFindsCustomerAndOpensIt_InEnglishWithoutAccessibilityViolations()
    {
        await using var console = await ConsoleHost.StartAsync();
        var page = await console.NewPageAsync("en-US");
        var violations = new List<string>();

        // A fresh installation: the console sends the browser to the welcome page, which is accessible too.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Welcome to CrmPlatform");
        violations.AddRange(await ConsoleHost.SeriousAccessibilityViolationsAsync(page));
        await ConsoleHost.CreateFirstAdminAsync(page, "Welcome to CrmPlatform");

        // Nobody has imported anything yet: the empty state says how.
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("No customers yet");
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Alice Admin");
        violations.AddRange(await ConsoleHost.SeriousAccessibilityViolationsAsync(page));

        // Sign out, and back in on the sign-in page (accessible as well).
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in$"));
        violations.AddRange(await ConsoleHost.SeriousAccessibilityViolationsAsync(page));
        await console.RegisterCustomerAsync("ada", "Ada", "Lovelace", "ada@example.com", "Analytical Engines Ltd");
        await console.RegisterCustomerAsync("grace", "Grace", "Hopper", "grace@example.com", "Navy");
        await page.GotoAsync("/customers");
        await ConsoleHost.SignInAsync(page, ConsoleHost.AdminName, ConsoleHost.AdminPassword);

        // The list searches as one types: by company here, then by email.
        await Assertions.Expect(page.GetByTestId("customer-link")).ToHaveCountAsync(2);
        await page.Locator("#customer-filter").FillAsync("analytical");
        await Assertions.Expect(page.GetByTestId("customer-link")).ToHaveTextAsync(["Ada Lovelace"]);
        await page.Locator("#customer-filter").FillAsync("grace@");
        await Assertions.Expect(page.GetByTestId("customer-link")).ToHaveTextAsync(["Grace Hopper"]);
        violations.AddRange(await ConsoleHost.SeriousAccessibilityViolationsAsync(page));

        // Ctrl+K finds a customer from anywhere and opens the 360° page.
        await page.Keyboard.PressAsync("Control+K");
        await Assertions.Expect(page.Locator("#crm-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("lovelace");
        await page.GetByTestId("search-result").Filter(new() { HasText = "Ada Lovelace" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/customers/ada$"));
        await Assertions.Expect(page.GetByTestId("customer-name")).ToHaveTextAsync("Ada Lovelace");
        await Assertions.Expect(page.GetByTestId("emails")).ToHaveTextAsync("ada@example.com");
        await Assertions.Expect(page.GetByTestId("timeline").Locator("li").First).ToContainTextAsync("Registered");
        violations.AddRange(await ConsoleHost.SeriousAccessibilityViolationsAsync(page));

        // An admin may change the customer: the tag goes through the grain and shows up, newest first on the timeline.
        await page.Locator("#new-tag").FillAsync("vip");
        await page.GetByTestId("add-tag").ClickAsync();
        await Assertions.Expect(page.GetByTestId("tags")).ToContainTextAsync("vip");
        await Assertions.Expect(page.GetByTestId("timeline").Locator("li").First).ToContainTextAsync("Tags changed");

        foreach (var (path, table) in new[] { ("/opportunities", "opportunity-table"), ("/admin/plugins", "plugin-table"), ("/admin/api-keys", "key-table") })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByTestId(table)).ToBeVisibleAsync();
            violations.AddRange(await ConsoleHost.SeriousAccessibilityViolationsAsync(page));
        }

        await Assertions.Expect(page.GetByTestId("key-table")).ToContainTextAsync("bootstrap admin");

        // The admin adds a colleague with the reader role; the list shows her.
        await page.GotoAsync("/admin/people");
        await Assertions.Expect(page.GetByTestId("people-table")).ToContainTextAsync(ConsoleHost.AdminName);
        violations.AddRange(await ConsoleHost.SeriousAccessibilityViolationsAsync(page));
        await page.Locator("#person-name").FillAsync("Rita Reader");
        await page.Locator("#person-user-name").FillAsync("rita@example.com");
        await page.GetByTestId("person-role").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "reader", Exact = true }).ClickAsync();
        await page.Locator("#person-password").FillAsync("a long reader passphrase");
        await page.GetByTestId("add-person").ClickAsync();
        await Assertions.Expect(page.GetByTestId("people-table").Locator("tr").Filter(new() { HasText = "rita@example.com" })).ToContainTextAsync("reader");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(console.Errors.Count == 0, string.Join(Environment.NewLine, console.Errors));
    }

    [Fact]
    public async Task Journey_InChinese_WelcomeSignInSearchAndCustomerPageSpeakChinese()
    {
        await using var console = await ConsoleHost.StartAsync();
        await console.RegisterCustomerAsync("ada", "Ada", "Lovelace", "ada@example.com", "Analytical Engines Ltd");
        var page = await console.NewPageAsync("zh-CN");

        // Identity's rules answer in Chinese too.
        await page.GotoAsync("/welcome");
        await page.Locator("#display-name").FillAsync("Alice Admin");
        await page.Locator("#user-name").FillAsync(ConsoleHost.AdminName);
        await page.Locator("#password").FillAsync("short");
        await page.GetByTestId("create-admin").ClickAsync();
        await Assertions.Expect(page.GetByTestId("welcome-errors")).ToContainTextAsync("密码至少需要 12 个字符。");

        await ConsoleHost.CreateFirstAdminAsync(page, "欢迎使用 CrmPlatform");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("客户");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await page.Locator("#customer-filter").FillAsync("lovelace");
        await Assertions.Expect(page.GetByTestId("customer-link")).ToHaveTextAsync(["Ada Lovelace"]);
        await Assertions.Expect(page.GetByTestId("customer-table")).ToContainTextAsync("潜在客户");
        await page.GetByTestId("customer-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-name")).ToHaveTextAsync("Ada Lovelace");
        await Assertions.Expect(page.GetByTestId("timeline").Locator("li").First).ToContainTextAsync("已注册");
        var violations = await ConsoleHost.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

        // The switch turns an English browser's console into Chinese and back, on the same page.
        var english = await console.NewPageAsync("en-US");
        await english.GotoAsync("/customers/ada");
        await ConsoleHost.SignInAsync(english, ConsoleHost.AdminName, ConsoleHost.AdminPassword);
        await Assertions.Expect(english.GetByTestId("timeline").Locator("li").First).ToContainTextAsync("Registered");
        await english.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(english).ToHaveURLAsync(new Regex("/customers/ada$"));
        await Assertions.Expect(english.GetByTestId("timeline").Locator("li").First).ToContainTextAsync("已注册");
        await english.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(english.GetByTestId("timeline").Locator("li").First).ToContainTextAsync("Registered");
        Assert.True(console.Errors.Count == 0, string.Join(Environment.NewLine, console.Errors));
    }

    [Fact]
    public async Task Reader_SeesNoEditButtonNorAdministration_AndTheServerRefusesTheChange()
    {
        await using var console = await ConsoleHost.StartAsync();
        await console.RegisterCustomerAsync("ada", "Ada", "Lovelace", "ada@example.com");
        await console.CreatePersonAsync("rita@example.com", "Rita Reader", ConsoleRole.Reader, "a long reader passphrase");
        var page = await console.NewPageAsync();

        await page.GotoAsync("/customers/ada");
        await ConsoleHost.SignInAsync(page, "rita@example.com", "a long reader passphrase");
        await Assertions.Expect(page.GetByTestId("customer-name")).ToHaveTextAsync("Ada Lovelace");
        await Assertions.Expect(page.GetByTestId("add-tag")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#new-tag")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);

        // Typing the address of an admin page is refused by the server, not just hidden.
        var response = await page.GotoAsync("/admin/api-keys");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/access-denied"));
        await Assertions.Expect(page.GetByTestId("access-denied")).ToHaveTextAsync("Not allowed");
        Assert.NotNull(response);

        // The action itself, called on the server as the reader's circuit would: refused, nothing written.
        using var scope = console.Host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsolePerson>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ConsolePerson>>();
        var rita = await principals.CreateAsync((await users.FindByNameAsync("rita@example.com"))!);
        var customers = scope.ServiceProvider.GetRequiredService<ConsoleCustomers>();
        Assert.Equal(ConsoleOutcome.Forbidden, await customers.AddTagAsync(rita, "ada", "vip"));
        Assert.Empty((await customers.FindAsync("ada"))!.Tags);
        var people = scope.ServiceProvider.GetRequiredService<ConsolePeople>();
        Assert.Equal(["Forbidden"], await people.CreateAsync(rita, "mallory@example.com", "Mallory", ConsoleRole.Admin, "a long enough passphrase"));
        Assert.Null(await users.FindByNameAsync("mallory@example.com"));
        Assert.True(rita.IsInRole(nameof(ApiKeyRole.Reader)));
        Assert.False(rita.IsInRole(nameof(ApiKeyRole.Agent)));
        Assert.True(console.Errors.Count == 0, string.Join(Environment.NewLine, console.Errors));
    }
}
