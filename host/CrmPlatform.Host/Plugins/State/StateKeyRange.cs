namespace CrmPlatform.Host.Plugins.State;

/// <summary>The key range a prefix covers, so that stores can read it from their key index.</summary>
public static class StateKeyRange
{
    /// <summary>
    /// The smallest key above every key starting with <paramref name="prefix"/>, or null when there
    /// is none (empty prefix, or one ending with the highest character).
    /// </summary>
    public static string? UpperBound(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0 || prefix[^1] == char.MaxValue || char.IsSurrogate(prefix[^1]))
        {
            return null;
        }

        return string.Concat(prefix.AsSpan(0, prefix.Length - 1), [(char)(prefix[^1] + 1)]);
    }
}
