namespace CrmPlatform.Plugins.Analytics.Offers;

/// <summary>
/// Product affinity from customers' order baskets (each customer's set of products bought): pair rules A → B with
/// support, confidence and lift, and from them each customer's next best offer.
/// </summary>
public sealed class ProductAffinity
{
    private readonly Dictionary<string, HashSet<string>> _baskets;
    private readonly ILookup<string, AssociationRule> _rulesByAntecedent;

    private ProductAffinity(Dictionary<string, HashSet<string>> baskets, List<AssociationRule> rules)
    {
        _baskets = baskets;
        Rules = rules;
        _rulesByAntecedent = rules.ToLookup(r => r.Antecedent, StringComparer.Ordinal);
    }

    /// <summary>The rules that met the thresholds: highest confidence first, then lift, then support, then by suggested and bought SKU.</summary>
    public IReadOnlyList<AssociationRule> Rules { get; }

    /// <summary>Learns the pair rules from every customer's basket (customer id → SKUs bought; repeats count once).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A threshold outside 0–1.</exception>
    public static ProductAffinity Learn(IReadOnlyDictionary<string, IReadOnlyCollection<string>> baskets, AssociationRuleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        options ??= new AssociationRuleOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinimumSupport, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MinimumSupport, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinimumConfidence, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MinimumConfidence, 1, nameof(options));

        var sets = baskets.ToDictionary(b => b.Key, b => b.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var single = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new Dictionary<(string, string), int>();
        foreach (var basket in sets.Values)
        {
            var skus = basket.Order(StringComparer.Ordinal).ToArray();
            for (var i = 0; i < skus.Length; i++)
            {
                single[skus[i]] = single.GetValueOrDefault(skus[i]) + 1;
                for (var j = i + 1; j < skus.Length; j++)
                {
                    pairs[(skus[i], skus[j])] = pairs.GetValueOrDefault((skus[i], skus[j])) + 1;
                }
            }
        }

        double customers = sets.Count;
        var rules = new List<AssociationRule>();
        foreach (var ((a, b), both) in pairs)
        {
            var support = both / customers;
            if (support < options.MinimumSupport)
            {
                continue;
            }

            foreach (var (from, to) in new[] { (a, b), (b, a) })
            {
                var confidence = (double)both / single[from];
                if (confidence >= options.MinimumConfidence)
                {
                    rules.Add(new AssociationRule(from, to, support, confidence, confidence / (single[to] / customers)));
                }
            }
        }

        rules.Sort(Compare);
        return new ProductAffinity(sets, rules);
    }

    /// <summary>The best product a known customer has not bought yet, or null when no rule suggests one.</summary>
    public OfferRecommendation? NextBestOffer(string customerId) =>
        NextBestOffer(_baskets.TryGetValue(customerId, out var basket) ? basket : []);

    /// <summary>The best product not in <paramref name="bought"/>: the one whose rule (from a product bought) has the highest confidence, then lift, then support.</summary>
    public OfferRecommendation? NextBestOffer(IReadOnlyCollection<string> bought)
    {
        ArgumentNullException.ThrowIfNull(bought);
        var owned = bought.ToHashSet(StringComparer.Ordinal);
        var best = owned
            .SelectMany(sku => _rulesByAntecedent[sku])
            .Where(rule => !owned.Contains(rule.Consequent))
            .Order(Comparer<AssociationRule>.Create(Compare))
            .FirstOrDefault();
        return best is null ? null : new OfferRecommendation(best.Consequent, best.Confidence, best);
    }

    private static int Compare(AssociationRule x, AssociationRule y)
    {
        var order = y.Confidence.CompareTo(x.Confidence);
        order = order != 0 ? order : y.Lift.CompareTo(x.Lift);
        order = order != 0 ? order : y.Support.CompareTo(x.Support);
        order = order != 0 ? order : string.CompareOrdinal(x.Consequent, y.Consequent);
        return order != 0 ? order : string.CompareOrdinal(x.Antecedent, y.Antecedent);
    }
}
