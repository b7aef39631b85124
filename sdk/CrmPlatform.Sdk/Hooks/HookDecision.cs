namespace CrmPlatform.Sdk.Hooks;

/// <summary>A hook's answer: let the command through (perhaps enriched) or veto it.</summary>
public sealed record HookDecision
{
    private HookDecision(string? vetoReason, IReadOnlyList<string> tags, IReadOnlyList<HookInsight> insights)
    {
        VetoReason = vetoReason;
        Tags = tags;
        Insights = insights;
    }

    /// <summary>Let the command through unchanged.</summary>
    public static HookDecision Allow { get; } = new(null, [], []);

    /// <summary>Why the command was vetoed; null when it was not.</summary>
    public string? VetoReason { get; }

    /// <summary>True when the hook vetoed the command.</summary>
    public bool IsVeto => VetoReason is not null;

    /// <summary>Tags to add to the customer together with the command's events.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Insights to write onto the customer together with the command's events.</summary>
    public IReadOnlyList<HookInsight> Insights { get; }

    /// <summary>Refuses the command; <paramref name="reason"/> reaches whoever sent it.</summary>
    public static HookDecision Veto(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new HookDecision(reason, [], []);
    }

    /// <summary>The same decision, also adding <paramref name="tags"/>.</summary>
    public HookDecision WithTags(params IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return IsVeto ? this : new HookDecision(null, [.. Tags, .. tags], Insights);
    }

    /// <summary>The same decision, also writing an insight.</summary>
    public HookDecision WithInsight(string name, double? value, string? label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return IsVeto ? this : new HookDecision(null, Tags, [.. Insights, new HookInsight(name, value, label)]);
    }
}
