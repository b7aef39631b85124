using CrmPlatform.Plugins.Analytics.Features;

namespace CrmPlatform.Plugins.Analytics.Segments;

/// <summary>
/// Describes a segment in plain words relative to the population: each feature whose segment mean lies at least
/// half a standard deviation from the population's (strongest first, at most four), then each described category
/// whose most common value in the segment covers at least half of it and 15 points more than in the population.
/// Known features have their own words ("recent", "frequent", "high spend"); others read "high monthly charges".
/// </summary>
internal static class SegmentDescriber
{
    private const double Notable = 0.5;
    private const int MaxTerms = 4;

    private static readonly Dictionary<string, (string High, string Low)> Words = new(StringComparer.Ordinal)
    {
        ["recency.days"] = ("lapsed", "recent"),
        ["orders.count"] = ("frequent", "infrequent"),
        ["monetary.total"] = ("high spend", "low spend"),
        ["tenure.days"] = ("long-tenure", "new"),
        ["attr.tenure"] = ("long-tenure", "new"),
        ["cases.complaint"] = ("complaining", "few complaints"),
    };

    public static string Describe(
        IReadOnlyList<FeatureScale> scales,
        IReadOnlyDictionary<string, double> centroid,
        IReadOnlyList<string> categories,
        IReadOnlyList<FeatureVector> members,
        IReadOnlyList<FeatureVector> population)
    {
        var terms = scales
            .Select(s => (s.Feature, Z: s.Standardise(centroid[s.Feature])))
            .Where(t => Math.Abs(t.Z) >= Notable)
            .OrderByDescending(t => Math.Abs(t.Z)).ThenBy(t => t.Feature, StringComparer.Ordinal)
            .Take(MaxTerms)
            .Select(t => Word(t.Feature, t.Z > 0))
            .ToList();
        foreach (var category in categories)
        {
            var typical = members
                .Select(m => m.Categories.TryGetValue(category, out var v) ? v : null)
                .Where(v => v is not null)
                .GroupBy(v => v!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .FirstOrDefault();
            if (typical is null)
            {
                continue;
            }

            var share = (double)typical.Count() / members.Count;
            var populationShare = (double)population.Count(p => p.Categories.TryGetValue(category, out var v) && v == typical.Key) / population.Count;
            if (share >= 0.5 && share >= populationShare + 0.15)
            {
                terms.Add(typical.Key.ToLowerInvariant());
            }
        }

        return terms.Count == 0 ? "typical customers" : string.Join(", ", terms.Distinct(StringComparer.Ordinal));
    }

    private static string Word(string feature, bool high) =>
        Words.TryGetValue(feature, out var words) ? (high ? words.High : words.Low) : (high ? "high " : "low ") + Readable(feature);

    /// <summary>A feature name in words: <c>attr.monthlyCharges</c> reads "monthly charges", <c>interactions.email</c> "interactions email".</summary>
    private static string Readable(string feature)
    {
        var name = feature.StartsWith("attr.", StringComparison.Ordinal) ? feature[5..] : feature;
        var words = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (c is '.' or '_' or '-' || (char.IsUpper(c) && words.Length > 0 && words[^1] != ' '))
            {
                words.Append(' ');
            }

            if (c is not ('.' or '_' or '-'))
            {
                words.Append(char.ToLowerInvariant(c));
            }
        }

        return words.ToString();
    }
}
