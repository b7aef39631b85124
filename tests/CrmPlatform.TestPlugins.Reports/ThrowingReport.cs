using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.TestPlugins.Reports;

/// <summary>Always fails.</summary>
public sealed class ThrowingReport : IReport
{
    /// <inheritdoc />
    public string Name => "throws";

    /// <inheritdoc />
    public string Title => "Fails every time";

    /// <inheritdoc />
    public Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The report's data store is down.");
}
