namespace CrmPlatform.Sdk.Composition;

/// <summary>What is wrong with a plugin, by field (<c>manifest.events</c>, <c>package</c>, …), in the order found.</summary>
internal sealed class CompositionErrors
{
    private readonly List<(string Field, string Message)> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>The messages alone, in the order found.</summary>
    public IReadOnlyList<string> Messages => [.. _errors.Select(e => e.Message)];

    public void Add(string field, string message) => _errors.Add((field, message));

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
}
