using System.Net.Http.Json;
using CrmPlatform.Host.Customers.ReadModel;
using Microsoft.Playwright;

namespace CrmPlatform.Host.Tests.Channels.WebChat;

/// <summary>
/// End to end in a real browser: Debian's headless chromium, driven by Playwright, opens a page of
/// another origin that adds the widget with one script tag and identifies the signed-in customer;
/// the visitor writes, an agent replies through the API, the reply appears in the page, and the
/// customer's timeline holds both. Fails (never skips) when /usr/bin/chromium is missing:
/// scripts/test.sh installs it.
/// </summary>
[Collection(WebChatHost.Collection)]
public sealed class WebChatBrowserTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Widget_IdentifiedVisitorWritesAndAgentReplies_ReplyAppearsAndTimelineHoldsBoth()
    {
        await using var chat = await WebChatHost.StartAsync();
        var created = await chat.Host.Admin.PostAsJsonAsync(
            "api/customers", new { id = "c-ada", kind = "person", firstName = "Ada", lastName = "Lovelace", emails = new[] { "ada@example.com" } }, Cancel);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Cancel));
        await WebChatHost.WaitUntilAsync(
            async () => (await chat.Host.GetService<ICustomerReadModel>().FindByContactAsync("ada@example.com", null, 10, Cancel)).Count == 1,
            "the read model knows the customer's email");
        var platform = chat.Host.BaseAddress.ToString().TrimEnd('/');
        await using var site = await ShopSite.StartAsync($$"""
            <!doctype html>
            <html><head><title>Shop</title><link rel="icon" href="data:,"></head>
            <body>
              <h1>Blue shoes</h1>
              <script src="{{platform}}/channels/webchat/assets/widget.js" data-title="Ask the shop"></script>
              <script>CrmChat.identify({ email: 'ada@example.com', signature: '{{WebChatHost.SiteSignature("ada@example.com")}}' });</script>
            </body></html>
            """);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var errors = new List<string>();
        var page = await HeadlessChromium.NewPageAsync(browser, errors);
        await page.GotoAsync(site.Url);
        var widget = page.Locator("[data-crm-chat]");
        await Assertions.Expect(widget.Locator(".crm-chat-title")).ToHaveTextAsync("Ask the shop");

        await widget.Locator("input[name=text]").FillAsync("Do you have the blue shoes in size 38?");
        await widget.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(widget.Locator("[data-from=visitor]")).ToHaveTextAsync("Do you have the blue shoes in size 38?");
        await WebChatHost.WaitUntilAsync(async () => (await chat.TimelineAsync("c-ada")).Any(IsReceived), "the visitor's message is on the customer's timeline");
        await chat.ReplyAsync("c-ada", "Yes, Ada: two pairs left in 38.");

        await Assertions.Expect(widget.Locator("[data-from=agent]")).ToHaveTextAsync("Yes, Ada: two pairs left in 38.", new() { Timeout = 30_000 });
        await Assertions.Expect(widget.Locator("[data-from=visitor]")).Not.ToHaveAttributeAsync("data-pending", "true");
        var timeline = await chat.TimelineAsync("c-ada");
        var received = Assert.Single(timeline, IsReceived);
        Assert.Equal("Do you have the blue shoes in size 38?", received.GetProperty("data").GetProperty("text").GetString());
        Assert.Equal("ada@example.com", received.GetProperty("data").GetProperty("senderEmail").GetString());
        var requested = Assert.Single(timeline, e => e.GetProperty("type").GetString()!.StartsWith("crm.customer.message-requested", StringComparison.Ordinal));
        Assert.Equal("Yes, Ada: two pairs left in 38.", requested.GetProperty("data").GetProperty("text").GetString());
        Assert.Contains(timeline, e => e.GetProperty("type").GetString()!.StartsWith("crm.customer.message-sent", StringComparison.Ordinal));
        Assert.Empty(errors);
    }

    private static bool IsReceived(System.Text.Json.JsonElement entry) =>
        entry.GetProperty("type").GetString()!.StartsWith("crm.customer.message-received", StringComparison.Ordinal);
}
