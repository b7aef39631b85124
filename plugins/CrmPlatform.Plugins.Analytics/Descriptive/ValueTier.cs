namespace CrmPlatform.Plugins.Analytics.Descriptive;

/// <summary>A customer's value tier, from the share of revenue the customer carries (see <see cref="ValueTiers"/>).</summary>
public enum ValueTier
{
    /// <summary>The few top customers who together carry the first share of revenue (by default half of it).</summary>
    Vip,

    /// <summary>The customers after the VIPs, up to the second cut-off (by default 80 % of revenue).</summary>
    Key,

    /// <summary>The customers after the key ones, up to the third cut-off (by default 95 % of revenue).</summary>
    Ordinary,

    /// <summary>Everyone else, including customers without revenue.</summary>
    Small,
}
