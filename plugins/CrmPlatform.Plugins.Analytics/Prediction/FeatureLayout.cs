using System.Text.Json.Serialization;
using CrmPlatform.Plugins.Analytics.Features;

namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>
/// Turns feature vectors into the model's one float vector: the numbers first (a missing number is 0), then an
/// "is missing" slot for each number some training customers lacked, then one slot per known value of each
/// category (an unseen or missing value sets none). Numbers and categories that never varied in training carry
/// nothing and get no slot.
/// </summary>
internal sealed class FeatureLayout
{
    private readonly Dictionary<string, int> _missingSlot;
    private readonly Dictionary<(string Name, string Value), int> _categorySlot;

    [JsonConstructor]
    public FeatureLayout(IReadOnlyList<string> numbers, IReadOnlyList<string> missingIndicators, IReadOnlyList<CategorySlots> categories)
    {
        Numbers = numbers;
        MissingIndicators = missingIndicators;
        Categories = categories;
        _missingSlot = missingIndicators.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => numbers.Count + p.i, StringComparer.Ordinal);
        _categorySlot = [];
        var slot = numbers.Count + missingIndicators.Count;
        var names = new List<string>(numbers);
        names.AddRange(missingIndicators.Select(n => n + " (missing)"));
        SlotGroups = [.. Enumerable.Range(0, numbers.Count), .. missingIndicators.Select(n => IndexOf(numbers, n))];
        for (var c = 0; c < categories.Count; c++)
        {
            foreach (var value in categories[c].Values)
            {
                _categorySlot[(categories[c].Name, value)] = slot++;
                names.Add(categories[c].Name + "=" + value);
                SlotGroups.Add(numbers.Count + c);
            }
        }

        SlotNames = names;
    }

    /// <summary>Numeric features, in slot order.</summary>
    public IReadOnlyList<string> Numbers { get; }

    /// <summary>Numeric features with an "is missing" slot.</summary>
    public IReadOnlyList<string> MissingIndicators { get; }

    /// <summary>Categorical features and their one-hot values.</summary>
    public IReadOnlyList<CategorySlots> Categories { get; }

    /// <summary>Every slot's name.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> SlotNames { get; }

    /// <summary>For each slot, the feature it belongs to: a number's index, or the count of numbers plus a category's index.</summary>
    [JsonIgnore]
    public List<int> SlotGroups { get; }

    /// <summary>Slots in the vector.</summary>
    [JsonIgnore]
    public int Length => SlotNames.Count;

    /// <summary>Learns the layout from the training customers.</summary>
    public static FeatureLayout Learn(IReadOnlyCollection<FeatureVector> vectors, int maxValuesPerCategory)
    {
        var numbers = new List<string>();
        var missing = new List<string>();
        foreach (var name in vectors.SelectMany(v => v.Numbers.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var present = vectors.Where(v => v.Numbers.TryGetValue(name, out var d) && double.IsFinite(d)).Select(v => v.Numbers[name]).ToList();
            var hasMissing = present.Count < vectors.Count;
            if (present.Distinct().Count() > 1 || (hasMissing && present.Count > 0))
            {
                numbers.Add(name);
                if (hasMissing)
                {
                    missing.Add(name);
                }
            }
        }

        var categories = new List<CategorySlots>();
        foreach (var name in vectors.SelectMany(v => v.Categories.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var counts = vectors
                .Select(v => v.Categories.TryGetValue(name, out var value) ? value : null)
                .GroupBy(value => value)
                .ToList();
            if (counts.Count < 2)
            {
                continue;
            }

            var values = counts
                .Where(g => g.Key is not null)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(maxValuesPerCategory)
                .Select(g => g.Key!)
                .Order(StringComparer.Ordinal)
                .ToList();
            categories.Add(new CategorySlots(name, values));
        }

        return new FeatureLayout(numbers, missing, categories);
    }

    /// <summary>The customer's features as the model's vector.</summary>
    public float[] Encode(FeatureVector vector)
    {
        var slots = new float[Length];
        for (var i = 0; i < Numbers.Count; i++)
        {
            if (vector.Numbers.TryGetValue(Numbers[i], out var value) && double.IsFinite(value))
            {
                slots[i] = (float)value;
            }
            else if (_missingSlot.TryGetValue(Numbers[i], out var indicator))
            {
                slots[indicator] = 1f;
            }
        }

        foreach (var category in Categories)
        {
            if (vector.Categories.TryGetValue(category.Name, out var value) && _categorySlot.TryGetValue((category.Name, value), out var slot))
            {
                slots[slot] = 1f;
            }
        }

        return slots;
    }

    /// <summary>How a feature group reads for one customer: the number's name, or the category with the customer's value.</summary>
    public string DescribeGroup(int group, FeatureVector vector)
    {
        if (group < Numbers.Count)
        {
            return Numbers[group];
        }

        var name = Categories[group - Numbers.Count].Name;
        return vector.Categories.TryGetValue(name, out var value) ? name + "=" + value : name + " (missing)";
    }

    private static int IndexOf(IReadOnlyList<string> names, string name) =>
        names.Select((n, i) => (n, i)).First(p => p.n == name).i;
}
