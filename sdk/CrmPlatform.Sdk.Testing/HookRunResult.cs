using CrmPlatform.Sdk.Hooks;

namespace CrmPlatform.Sdk.Testing;

/// <summary>What the plugin's command hooks decided about one command, one by one and combined like the platform combines them.</summary>
/// <param name="Outcomes">Each hook's outcome, in the order they ran.</param>
public sealed record HookRunResult(IReadOnlyList<HookOutcome> Outcomes)
{
    /// <summary>True when any hook vetoed the command: its events would not be written.</summary>
    public bool IsVeto => Outcomes.Any(o => o.Decision.IsVeto);

    /// <summary>The first veto's reason, or null.</summary>
    public string? VetoReason => Outcomes.Select(o => o.Decision.VetoReason).FirstOrDefault(r => r is not null);

    /// <summary>The tags the hooks add, in order, when nothing was vetoed.</summary>
    public IReadOnlyList<string> Tags => IsVeto ? [] : [.. Outcomes.SelectMany(o => o.Decision.Tags)];

    /// <summary>The insights the hooks write, in order, when nothing was vetoed.</summary>
    public IReadOnlyList<HookInsight> Insights => IsVeto ? [] : [.. Outcomes.SelectMany(o => o.Decision.Insights)];
}
