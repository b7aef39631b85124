using Microsoft.Playwright;

namespace CrmPlatform.Host.Tests.Channels.WebChat;

/// <summary>Debian's chromium, headless, driven by Playwright (which cannot download a browser of its own here).</summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Launches the browser; fails (never skips) when it is not installed.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Path), $"The end-to-end tests need Debian's chromium at {Path} (apt-get install chromium; scripts/test.sh installs it).");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A page whose console errors are collected into <paramref name="errors"/>.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, List<string> errors)
    {
        var page = await browser.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{message.Text} ({message.Location})");
            }
        };
        return page;
    }
}
