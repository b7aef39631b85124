using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Sdk.Testing;

/// <summary>Holds a plugin's current settings; starts from <c>{}</c>, the platform's settings before anyone sets them.</summary>
internal sealed class PluginSettingsSlot<TSettings> : IPluginSettings<TSettings>, ISettingsSlot
    where TSettings : class, new()
{
    private volatile TSettings _current = (TSettings)PluginSettingsJson.Read(typeof(TSettings), "{}");

    public TSettings Current => _current;

    public Type SettingsType => typeof(TSettings);

    public void SetJson(string json) => _current = (TSettings)PluginSettingsJson.Read(typeof(TSettings), json);
}
