namespace CrmPlatform.Host.Plugins.Runtime;

/// <summary>A plugin's state on this silo and, when it is failed, suspended or hung, why.</summary>
/// <param name="State">The state.</param>
/// <param name="Reason">Why, for people; null when there is nothing to explain.</param>
public readonly record struct PluginStatus(PluginRunState State, string? Reason = null)
{
    /// <summary>The state as the API spells it (<c>running</c>, <c>hung</c>, …); part of the API's contract.</summary>
    public string Name => State switch
    {
        PluginRunState.Running => "running",
        PluginRunState.Loading => "loading",
        PluginRunState.Disabled => "disabled",
        PluginRunState.Failed => "failed",
        PluginRunState.Suspended => "suspended",
        PluginRunState.Hung => "hung",
        PluginRunState.Removed => "removed",
        _ => throw new InvalidOperationException($"Unknown plugin state {State}."),
    };

    /// <summary>The name, then the reason when there is one: <c>hung: …</c>.</summary>
    public override string ToString() => Reason is null ? Name : $"{Name}: {Reason}";
}
