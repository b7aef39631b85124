namespace CrmPlatform.Sdk.Testing;

/// <summary>The settings holder without its type parameter, for the test host's setters.</summary>
internal interface ISettingsSlot
{
    Type SettingsType { get; }

    void SetJson(string json);
}
