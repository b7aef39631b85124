namespace CrmPlatform.Sdk.Settings;

/// <summary>A plugin's current settings, as last changed by an administrator (or the defaults).</summary>
/// <typeparam name="TSettings">The type declared with <see cref="Plugins.IPluginBuilder.UseSettings{TSettings}"/>.</typeparam>
public interface IPluginSettings<out TSettings>
    where TSettings : class
{
    /// <summary>The settings now; a new instance after every change, never mutated.</summary>
    TSettings Current { get; }
}
