using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Plugins.WebChat;

/// <summary>
/// The plugin's entry point: declares <see cref="WebChatSettings"/>. The platform finds
/// <see cref="WebChatChannel"/> and <see cref="WebChatInbound"/> by scanning.
/// </summary>
public sealed class WebChatPlugin : IPlugin
{
    /// <inheritdoc />
    public void Configure(IPluginBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSettings<WebChatSettings>();
    }
}
