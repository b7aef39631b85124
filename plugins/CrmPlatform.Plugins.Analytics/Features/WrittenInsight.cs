namespace CrmPlatform.Plugins.Analytics.Features;

/// <summary>
/// An insight as last written onto a customer. What was written is kept per customer under
/// <c>insights/{customerId}</c>, apart from the features: the jobs update it too, and must never
/// overwrite features that an event changed meanwhile.
/// </summary>
/// <param name="Value">Its number, if any.</param>
/// <param name="Label">Its label, if any.</param>
public sealed record WrittenInsight(double? Value, string? Label)
{
    /// <summary>The state key prefix of the per-customer records.</summary>
    public const string KeyPrefix = "insights/";

    /// <summary>The state key of a customer's written insights.</summary>
    public static string KeyOf(string customerId) => KeyPrefix + customerId;
}
