namespace CrmPlatform.Sdk.Settings;

/// <summary>Marks a settings property as secret: stored, given to the plugin, but never returned by the API or logged.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SecretAttribute : Attribute;
