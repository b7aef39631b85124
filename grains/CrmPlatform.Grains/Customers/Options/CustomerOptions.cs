namespace CrmPlatform.Grains.Customers.Options;

/// <summary>How customers are validated and how their lifecycle runs (configuration section <c>Crm:Customers</c>).</summary>
public sealed class CustomerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Customers";

    /// <summary>The currency revenue thresholds and the read model's revenue are counted in.</summary>
    public string BaseCurrency { get; set; } = "EUR";

    /// <summary>The automatic lifecycle rules.</summary>
    public LifecycleRuleOptions Lifecycle { get; set; } = new();

    /// <summary>
    /// The region (ISO 3166 code, for example <c>GB</c>) of phone numbers given without a country
    /// code; null: every number must start with its country code (<c>+</c>). Numbers are stored in E.164 form.
    /// </summary>
    public string? DefaultPhoneRegion { get; set; }

    /// <summary>The contact rules for outbound messages.</summary>
    public MessagingOptions Messaging { get; set; } = new();

    /// <summary>The declared custom attributes, by name; attributes not declared here are refused.</summary>
    public Dictionary<string, AttributeDefinition> Attributes { get; set; } = new(StringComparer.Ordinal);
}
