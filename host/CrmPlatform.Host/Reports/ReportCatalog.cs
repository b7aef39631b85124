using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.Host.Reports;

/// <summary>
/// Every report the platform can serve: its own (source <c>crm</c>, from the read model) and those of
/// the enabled, running plugins. Builds a report and checks its table before anyone sees it.
/// </summary>
public sealed class ReportCatalog(IEnumerable<IReport> builtIn, PluginReports plugins, TimeProvider time)
{
    /// <summary>The source name of the platform's own reports.</summary>
    public const string PlatformSource = "crm";

    /// <summary>The platform's reports, then the plugins' (by plugin id, then name).</summary>
    public async Task<IReadOnlyList<ReportInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var own = builtIn.Select(r => new ReportInfo(PlatformSource, r.Name, r.Title)).OrderBy(r => r.Name, StringComparer.Ordinal);
        return [.. own, .. await plugins.ListAsync(cancellationToken)];
    }

    /// <summary>Builds report <paramref name="name"/> of <paramref name="source"/>.</summary>
    /// <exception cref="ReportFailedException">404, 502 or 503, as its status code says.</exception>
    /// <exception cref="ReportQueryException">A built-in report refused a query parameter.</exception>
    public async Task<BuiltReport> BuildAsync(string source, string name, ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ReportInfo info;
        ReportTable table;
        if (source == PlatformSource)
        {
            var report = builtIn.FirstOrDefault(r => r.Name == name)
                ?? throw ReportFailedException.NotFound($"The platform has no report '{name}'.");
            info = new ReportInfo(PlatformSource, report.Name, report.Title);
            table = await report.BuildAsync(query, cancellationToken);
        }
        else
        {
            (info, table) = await plugins.BuildAsync(source, name, query, cancellationToken);
        }

        if (ReportTableChecker.Problem(table) is { } problem)
        {
            throw ReportFailedException.BadTable($"{(source == PlatformSource ? "The platform" : $"Plugin '{source}'")}: report '{name}' returned a malformed table. {problem}");
        }

        return new BuiltReport(info, time.GetUtcNow(), table);
    }
}
