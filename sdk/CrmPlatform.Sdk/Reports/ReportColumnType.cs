namespace CrmPlatform.Sdk.Reports;

/// <summary>The kind of values a report column holds.</summary>
public enum ReportColumnType
{
    /// <summary>Strings.</summary>
    Text,

    /// <summary>Whole numbers (<see cref="long"/>).</summary>
    WholeNumber,

    /// <summary>Numbers (<see cref="double"/> or <see cref="decimal"/>).</summary>
    Number,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>Points in time (<see cref="DateTimeOffset"/>).</summary>
    Timestamp,
}
