using System.ComponentModel.DataAnnotations;
using CrmPlatform.Sdk.Settings;

namespace Contoso.Crm.Loyalty;

/// <summary>What an administrator can change; validated by the platform before it is stored.</summary>
public sealed class LoyaltySettings
{
    /// <summary>Points per unit of order amount (any currency); fractions of a point are dropped.</summary>
    [Range(0d, 1000d)]
    public decimal PointsPerUnit { get; init; } = 1m;

    /// <summary>The balance from which a customer is tagged <c>loyalty-gold</c>.</summary>
    [Range(1, long.MaxValue)]
    public long GoldThreshold { get; init; } = 1000;

    /// <summary>The largest order amount the credit-limit hook lets through.</summary>
    [Range(0d, 1e15)]
    public decimal CreditLimit { get; init; } = 10_000m;

    /// <summary>A token for Contoso's loyalty API. Unused here: it shows a secret, which the platform never returns or logs.</summary>
    [Secret]
    public string? ApiToken { get; init; }
}
