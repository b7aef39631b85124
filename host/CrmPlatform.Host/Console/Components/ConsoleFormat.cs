using System.Globalization;

namespace CrmPlatform.Host.Console.Components;

/// <summary>Dates and amounts as the reader's culture writes them.</summary>
internal static class ConsoleFormat
{
    /// <summary>A date (in UTC) in the current culture, or an empty string.</summary>
    public static string Date(DateTimeOffset? value) => value is { } v ? v.UtcDateTime.ToString("d", CultureInfo.CurrentCulture) : "";

    /// <summary>A date and time (in UTC) in the current culture.</summary>
    public static string DateTime(DateTimeOffset value) => value.UtcDateTime.ToString("g", CultureInfo.CurrentCulture) + " UTC";

    /// <summary>An amount with its currency code.</summary>
    public static string Money(decimal amount, string currency) => $"{amount.ToString("N2", CultureInfo.CurrentCulture)} {currency}";
}
