namespace CrmPlatform.Host.Plugins.Settings;

/// <summary>Lets the runtime replace a plugin's settings without knowing their type at compile time.</summary>
public interface ISettingsHolder
{
    /// <summary>Makes <paramref name="settings"/> the current settings.</summary>
    void Replace(object settings);
}
