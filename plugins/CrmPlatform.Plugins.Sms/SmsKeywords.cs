namespace CrmPlatform.Plugins.Sms;

/// <summary>
/// Recognises the CTIA keywords the provider also honours: the whole text, trimmed, compared
/// ignoring case (<c>stop</c>, <c> Stop </c>; not <c>please stop</c>).
/// </summary>
public static class SmsKeywords
{
    /// <summary>The opt-out keywords.</summary>
    public static IReadOnlyList<string> OptOut { get; } = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"];

    /// <summary>The opt-in keywords.</summary>
    public static IReadOnlyList<string> OptIn { get; } = ["START", "YES", "UNSTOP"];

    /// <summary>The help keywords.</summary>
    public static IReadOnlyList<string> Help { get; } = ["HELP", "INFO"];

    /// <summary>The keyword <paramref name="text"/> is, or <see cref="SmsKeyword.None"/>.</summary>
    public static SmsKeyword Classify(string? text)
    {
        var word = text?.Trim();
        if (string.IsNullOrEmpty(word))
        {
            return SmsKeyword.None;
        }

        return OptOut.Contains(word, StringComparer.OrdinalIgnoreCase) ? SmsKeyword.OptOut
            : OptIn.Contains(word, StringComparer.OrdinalIgnoreCase) ? SmsKeyword.OptIn
            : Help.Contains(word, StringComparer.OrdinalIgnoreCase) ? SmsKeyword.Help
            : SmsKeyword.None;
    }
}
