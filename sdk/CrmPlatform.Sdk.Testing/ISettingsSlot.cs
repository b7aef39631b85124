using CrmPlatform.Sdk.Composition;

namespace CrmPlatform.Sdk.Testing;

/// <summary>The settings holder without its type parameter, for the test host's setters.</summary>
internal interface ISettingsSlot
{
    Type SettingsType { get; }

    SettingsSchema Schema { get; }

    void SetJson(string json);
}
