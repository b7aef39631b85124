namespace CrmPlatform.TestPlugins.Misbehaving;

/// <summary>How the plugin misbehaves on every event.</summary>
public enum MisbehaviorMode
{
    /// <summary>Throws an exception.</summary>
    Throw,

    /// <summary>Waits forever, ignoring the cancellation token (holds no thread).</summary>
    Hang,

    /// <summary>Burns a thread forever in a busy loop, ignoring the cancellation token.</summary>
    Spin,
}
