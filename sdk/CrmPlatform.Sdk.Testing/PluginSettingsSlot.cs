using CrmPlatform.Sdk.Composition;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Sdk.Testing;

/// <summary>Holds a plugin's current settings, read with the platform's schema; starts from <c>{}</c>, the platform's settings before anyone sets them.</summary>
internal sealed class PluginSettingsSlot<TSettings> : IPluginSettings<TSettings>, ISettingsSlot
    where TSettings : class, new()
{
    private volatile TSettings _current;

    public PluginSettingsSlot() => _current = Read("{}");

    public TSettings Current => _current;

    public Type SettingsType => typeof(TSettings);

    public SettingsSchema Schema { get; } = new(typeof(TSettings));

    public void SetJson(string json) => _current = Read(json);

    private TSettings Read(string json)
    {
        var errors = new List<SettingsError>();
        var settings = (TSettings)Schema.Parse(json, errors);
        return errors.Count == 0 ? settings : throw InvalidPluginSettingsException.From(typeof(TSettings), errors);
    }
}
