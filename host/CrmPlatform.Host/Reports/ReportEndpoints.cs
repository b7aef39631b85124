using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Security;
using CrmPlatform.Sdk.Reports;
using Microsoft.Net.Http.Headers;

namespace CrmPlatform.Host.Reports;

/// <summary>
/// <c>/api/reports</c>: the dashboards' data as report tables, JSON or CSV — the platform's own
/// (<c>crm</c>) and the enabled plugins'; and <c>/api/customers/{id}/insights</c>, one customer's
/// insights in the same shape. Any key may read them.
/// </summary>
public static class ReportEndpoints
{
    /// <summary>The query parameter that picks the format (<c>json</c> or <c>csv</c>); it is not passed to the report.</summary>
    public const string FormatParameter = "format";

    /// <summary>Maps the routes under <c>/api</c>.</summary>
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var reports = api.MapGroup("/reports").WithTags("Reports").RequireAuthorization(CrmPolicies.Read);

        reports.MapGet("", async (HttpContext http, ReportCatalog catalog, CancellationToken cancellationToken) =>
            (await catalog.ListAsync(cancellationToken))
                .Select(r => new ReportListItem(r.Source, r.Name, r.Title, $"{http.Request.PathBase}/api/reports/{Uri.EscapeDataString(r.Source)}/{Uri.EscapeDataString(r.Name)}"))
                .ToList())
            .WithName("ListReports").WithSummary("List the reports: the platform's own and those of enabled, running plugins")
            .Produces<List<ReportListItem>>().ProducesProblem(StatusCodes.Status401Unauthorized);

        reports.MapGet("/{source}/{name}", (string source, string name, HttpContext http, ReportCatalog catalog, CancellationToken cancellationToken) =>
            ServeAsync(source, name, http, catalog, extra: null, cancellationToken))
            .WithName("GetReport").WithSummary("Build a report: JSON, or CSV with ?format=csv or Accept: text/csv; other query parameters go to the report")
            .Produces<ReportResponse>().Produces<string>(StatusCodes.Status200OK, ReportCsv.ContentType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/customers/{id}/insights", (string id, HttpContext http, ReportCatalog catalog, CancellationToken cancellationToken) =>
            ServeAsync(ReportCatalog.PlatformSource, "insights", http, catalog, (InsightsReport.CustomerParameter, id), cancellationToken, rowsOnly: true))
            .WithTags("Customers").RequireAuthorization(CrmPolicies.Read)
            .WithName("GetCustomerInsights").WithSummary("A customer's latest insights (JSON list, or CSV with ?format=csv or Accept: text/csv)")
            .Produces<List<Dictionary<string, object?>>>().Produces<string>(StatusCodes.Status200OK, ReportCsv.ContentType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    private static async Task<IResult> ServeAsync(
        string source, string name, HttpContext http, ReportCatalog catalog, (string Name, string Value)? extra, CancellationToken cancellationToken, bool rowsOnly = false)
    {
        var request = http.Request;
        var format = request.Query[FormatParameter].ToString();
        bool csv;
        if (format.Length > 0)
        {
            csv = format.Equals("csv", StringComparison.OrdinalIgnoreCase);
            if (!csv && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
            {
                return ApiProblems.Invalid(new Dictionary<string, string[]> { [FormatParameter] = ["Must be 'json' or 'csv'."] });
            }
        }
        else
        {
            csv = request.GetTypedHeaders().Accept is { Count: > 0 } accept
                && accept.Any(a => a.MediaType.Equals(ReportCsv.ContentType, StringComparison.OrdinalIgnoreCase))
                && !accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && a.Quality is null or > 0.5);
        }

        var parameters = request.Query
            .Where(q => !q.Key.Equals(FormatParameter, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (extra is { } forced)
        {
            parameters[forced.Name] = forced.Value;
        }

        BuiltReport report;
        try
        {
            report = await catalog.BuildAsync(source, name, new ReportQuery(parameters), cancellationToken);
        }
        catch (ReportQueryException ex)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { [ex.Parameter] = [ex.Message] });
        }
        catch (ReportFailedException ex)
        {
            return Results.Problem(
                statusCode: ex.StatusCode,
                title: ex.Title,
                detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["source"] = source, ["report"] = name });
        }

        if (csv)
        {
            return ReportCsv.Result(report);
        }

        var response = ReportResponse.From(report);
        return rowsOnly ? Results.Ok(response.Rows) : Results.Ok(response);
    }
}
