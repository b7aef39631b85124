using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.TestPlugins.Reports;

/// <summary>Never finishes unless cancelled.</summary>
public sealed class HangingReport(TimeProvider time) : IReport
{
    /// <inheritdoc />
    public string Name => "hangs";

    /// <inheritdoc />
    public string Title => "Never finishes";

    /// <inheritdoc />
    public async Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        throw new InvalidOperationException("Unreachable.");
    }
}
