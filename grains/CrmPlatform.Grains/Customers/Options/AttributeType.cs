namespace CrmPlatform.Grains.Customers.Options;

/// <summary>The type of a custom attribute's value.</summary>
public enum AttributeType
{
    /// <summary>Text, up to the definition's maximum length.</summary>
    Text = 0,

    /// <summary>A whole number.</summary>
    WholeNumber = 1,

    /// <summary>Any number.</summary>
    Number = 2,

    /// <summary>true or false.</summary>
    Boolean = 3,

    /// <summary>A calendar date, <c>yyyy-MM-dd</c>.</summary>
    Date = 4,
}
