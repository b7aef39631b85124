namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>
/// Splits examples into training and hold-out sets with the same share of each class in both. Which customers are
/// held out depends on their ids and the seed only, never on the order they come in.
/// </summary>
internal static class StratifiedSplit
{
    public static (List<ChurnExample> Training, List<ChurnExample> HoldOut) Split(IEnumerable<ChurnExample> examples, double holdOutFraction, int seed)
    {
        var training = new List<ChurnExample>();
        var holdOut = new List<ChurnExample>();
        foreach (var group in examples.GroupBy(e => e.Churned))
        {
            var ordered = group
                .OrderBy(e => Rank(e.Features.CustomerId, seed))
                .ThenBy(e => e.Features.CustomerId, StringComparer.Ordinal)
                .ToList();
            var held = (int)Math.Round(ordered.Count * holdOutFraction, MidpointRounding.AwayFromZero);
            holdOut.AddRange(ordered.Take(held));
            training.AddRange(ordered.Skip(held));
        }

        return (training, holdOut);
    }

    /// <summary>FNV-1a over the seed and the id's characters: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static ulong Rank(string customerId, int seed)
    {
        var hash = 14695981039346656037UL ^ (uint)seed;
        foreach (var c in customerId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
