namespace CrmPlatform.TestPlugins.Misbehaving;

/// <summary>The plugin's settings.</summary>
public sealed class MisbehavingSettings
{
    /// <summary>How to misbehave; null until configured (events then wait a little for the settings).</summary>
    public MisbehaviorMode? Mode { get; init; }
}
