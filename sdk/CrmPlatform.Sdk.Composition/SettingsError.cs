namespace CrmPlatform.Sdk.Composition;

/// <summary>One thing wrong with a plugin's settings.</summary>
/// <param name="Field">The field as the API names it: its JSON path (<c>endpoints[0].url</c>), or <c>settings</c> for the whole.</param>
/// <param name="Member">The same place by the settings type's property names (<c>Endpoints[0].Url</c>), empty for the whole: what a plugin author reads.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Malformed">True when the JSON itself could not be read into the settings type.</param>
internal sealed record SettingsError(string Field, string Member, string Message, bool Malformed = false);
