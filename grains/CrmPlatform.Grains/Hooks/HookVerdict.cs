using CrmPlatform.Sdk.Hooks;

namespace CrmPlatform.Grains.Hooks;

/// <summary>What the hooks decided together: the first veto wins; otherwise every enrichment applies.</summary>
/// <param name="VetoReason">Why the command is refused, naming the plugin; null when it may go ahead.</param>
/// <param name="Tags">Tags to add with the command's events.</param>
/// <param name="Insights">Insights to write with the command's events, each with the plugin that asked.</param>
public sealed record HookVerdict(string? VetoReason, IReadOnlyList<string> Tags, IReadOnlyList<(string Source, HookInsight Insight)> Insights)
{
    /// <summary>No hook objected or added anything.</summary>
    public static HookVerdict Allow { get; } = new(null, [], []);
}
