namespace CrmPlatform.Grains.Customers.Options;

/// <summary>The contact rules for outbound messages (configuration section <c>Crm:Customers:Messaging</c>).</summary>
public sealed class MessagingOptions
{
    /// <summary>
    /// The most messages a customer gets on a channel within a rolling window, by channel name
    /// (<c>*</c> applies to channels not named). No entry, no cap.
    /// </summary>
    public Dictionary<string, FrequencyCapOptions> FrequencyCaps { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The hours in which no message is sent, or null for none.</summary>
    public QuietHoursOptions? QuietHours { get; set; }
}
