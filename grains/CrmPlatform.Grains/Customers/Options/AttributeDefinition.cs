namespace CrmPlatform.Grains.Customers.Options;

/// <summary>One declared custom attribute: its type and limits.</summary>
public sealed class AttributeDefinition
{
    /// <summary>The value's type.</summary>
    public AttributeType Type { get; set; } = AttributeType.Text;

    /// <summary>The longest string value allowed.</summary>
    public int MaxLength { get; set; } = 256;

    /// <summary>The smallest number allowed.</summary>
    public decimal? Minimum { get; set; }

    /// <summary>The largest number allowed.</summary>
    public decimal? Maximum { get; set; }
}
