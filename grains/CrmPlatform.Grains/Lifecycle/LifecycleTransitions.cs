using System.Collections.Frozen;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Lifecycle;

/// <summary>
/// The allowed lifecycle transitions (documented in docs/lifecycle.md). Anything not listed is
/// forbidden, for people, plugins and automatic rules alike.
/// </summary>
public static class LifecycleTransitions
{
    private static readonly FrozenDictionary<LifecycleStage, FrozenSet<LifecycleStage>> Allowed =
        new Dictionary<LifecycleStage, FrozenSet<LifecycleStage>>
        {
            [LifecycleStage.Prospect] = Set(LifecycleStage.Acquisition, LifecycleStage.Growth, LifecycleStage.Terminated),
            [LifecycleStage.Acquisition] = Set(LifecycleStage.Prospect, LifecycleStage.Growth, LifecycleStage.Terminated),
            [LifecycleStage.Growth] = Set(LifecycleStage.Maturity, LifecycleStage.Decline, LifecycleStage.Terminated),
            [LifecycleStage.Maturity] = Set(LifecycleStage.Decline, LifecycleStage.Terminated),
            [LifecycleStage.Decline] = Set(LifecycleStage.Growth, LifecycleStage.Maturity, LifecycleStage.Terminated),
            [LifecycleStage.Terminated] = Set(LifecycleStage.Acquisition, LifecycleStage.Growth),
        }.ToFrozenDictionary();

    /// <summary>True when a customer may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(LifecycleStage from, LifecycleStage to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>The stages a customer may move to from <paramref name="from"/>.</summary>
    public static IReadOnlySet<LifecycleStage> From(LifecycleStage from) => Allowed[from];

    /// <summary>True for a move back from Decline or Terminated (a win-back).</summary>
    public static bool IsWinBack(LifecycleStage from, LifecycleStage to) =>
        from is LifecycleStage.Decline or LifecycleStage.Terminated && to is not LifecycleStage.Terminated;

    private static FrozenSet<LifecycleStage> Set(params LifecycleStage[] stages) => stages.ToFrozenSet();
}
