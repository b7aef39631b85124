using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Host.Plugins.Settings;

/// <summary>A loaded plugin's current settings; the runtime swaps the instance when an administrator changes them.</summary>
/// <typeparam name="TSettings">The plugin's settings type.</typeparam>
public sealed class PluginSettings<TSettings>(TSettings initial) : IPluginSettings<TSettings>, ISettingsHolder
    where TSettings : class
{
    private TSettings _current = initial;

    /// <inheritdoc />
    public TSettings Current => Volatile.Read(ref _current);

    /// <inheritdoc />
    public void Replace(object settings) => Volatile.Write(ref _current, (TSettings)settings);
}
