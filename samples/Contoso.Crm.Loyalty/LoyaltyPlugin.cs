using CrmPlatform.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Contoso.Crm.Loyalty;

/// <summary>
/// Loyalty points for orders. The platform finds the handlers and the hook by scanning; this entry
/// point only declares the settings and the plugin's own service.
/// </summary>
public sealed class LoyaltyPlugin : IPlugin
{
    /// <inheritdoc />
    public void Configure(IPluginBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSettings<LoyaltySettings>();
        builder.Services.AddScoped<LoyaltyLedger>();
    }
}
