using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Host.Channels;
using Microsoft.Playwright;

namespace CrmPlatform.Host.Tests.Channels.WebChat;

/// <summary>
/// An anonymous visitor in headless chromium: the first message makes a Prospect; after a reload
/// the widget shows the conversation again (its token is kept in the browser and the live stream
/// replays the visitor's messages from the customer's events).
/// </summary>
[Collection(WebChatHost.Collection)]
public sealed class WebChatAnonymousBrowserTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Widget_AnonymousVisitor_BecomesAProspectAndKeepsTheConversationAcrossAReload()
    {
        await using var chat = await WebChatHost.StartAsync();
        var platform = chat.Host.BaseAddress.ToString().TrimEnd('/');
        await using var site = await ShopSite.StartAsync($$"""
            <!doctype html>
            <html><head><title>Shop</title><link rel="icon" href="data:,"></head>
            <body><script src="{{platform}}/channels/webchat/assets/widget.js"></script></body></html>
            """);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var errors = new List<string>();
        var page = await HeadlessChromium.NewPageAsync(browser, errors);
        await page.GotoAsync(site.Url);
        var widget = page.Locator("[data-crm-chat]");

        await widget.Locator("input[name=text]").FillAsync("Just looking, any discounts?");
        await widget.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(widget.Locator("[data-from=visitor]")).Not.ToHaveAttributeAsync("data-pending", "true");
        var visitor = await page.EvaluateAsync<string>("() => Object.entries(localStorage).map(e => JSON.parse(e[1]).visitorId)[0]");
        var customerId = await chat.CustomerOfAsync(visitor);
        await chat.ReplyAsync(customerId, "10% off this week.");
        await Assertions.Expect(widget.Locator("[data-from=agent]")).ToHaveTextAsync("10% off this week.", new() { Timeout = 30_000 });

        await page.ReloadAsync();

        await Assertions.Expect(widget.Locator(".crm-chat-message")).ToHaveTextAsync(["Just looking, any discounts?", "10% off this week."], new() { Timeout = 30_000 });
        var customer = await chat.Host.Admin.GetFromJsonAsync<JsonElement>($"api/customers/{customerId}", Cancel);
        Assert.Equal("prospect", customer.GetProperty("stage").GetString());
        Assert.Equal(customerId, await chat.Host.GetService<IChannelStore>().FindIdentityAsync("webchat", visitor, Cancel));
        Assert.Empty(errors);
    }
}
