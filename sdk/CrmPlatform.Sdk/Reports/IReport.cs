namespace CrmPlatform.Sdk.Reports;

/// <summary>
/// A table a plugin publishes (a dashboard's data). The platform serves it at
/// <c>/api/reports/{pluginId}/{name}</c> as JSON, or as CSV on request, from any silo: build it
/// from the plugin's durable state, not from memory one silo holds.
/// </summary>
public interface IReport
{
    /// <summary>Names the report within the plugin: lower-case letters, digits and dashes.</summary>
    string Name { get; }

    /// <summary>A short title for people.</summary>
    string Title { get; }

    /// <summary>Builds the table as it stands now.</summary>
    Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken);
}
