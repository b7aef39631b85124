using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Plugins.Email;

/// <summary>
/// The plugin's entry point: declares <see cref="EmailSettings"/>. The platform finds
/// <see cref="EmailChannel"/> and <see cref="EmailInbound"/> by scanning.
/// </summary>
public sealed class EmailPlugin : IPlugin
{
    /// <inheritdoc />
    public void Configure(IPluginBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSettings<EmailSettings>();
    }
}
