using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Plugins.Webhooks.Tests;

/// <summary>Settings as the platform would hand them to the plugin.</summary>
internal sealed class TestSettings(WebhookSettings current) : IPluginSettings<WebhookSettings>
{
    public WebhookSettings Current { get; } = current;
}
