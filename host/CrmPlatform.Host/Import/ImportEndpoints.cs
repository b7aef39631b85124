using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CrmPlatform.Host.Import;

/// <summary>
/// The routes of <c>/api/imports</c>: upload a CSV file with its column mapping (202 with the job),
/// follow the job's progress, list its bad rows. Agent role: an import writes customers.
/// </summary>
public static class ImportEndpoints
{
    private const int MaxErrorsPage = 1_000;

    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapImports(this RouteGroupBuilder imports)
    {
        ArgumentNullException.ThrowIfNull(imports);
        var agent = imports.MapGroup("").RequireAuthorization(CrmPolicies.Write);

        // The upload streams a multipart body the uploader reads itself; its responses are declared here.
        agent.MapPost("", StartAsync)
            .WithName("StartImport")
            .WithSummary("Upload a CSV file (multipart: 'mapping' JSON part, then 'file' part) and start importing it")
            .Produces<ImportJobResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        agent.MapGet("/{id}", GetAsync).WithName("GetImport").WithSummary("An import job's progress");
        agent.MapGet("/{id}/errors", ListErrorsAsync).WithName("ListImportErrors").WithSummary("An import job's bad rows, with line numbers and reasons by field");
        return imports;
    }

    internal static Task<IResult> StartAsync(HttpContext http, string? kind, ImportUploader uploader) => uploader.UploadAsync(http, kind);

    internal static async Task<Results<Ok<ImportJobResponse>, NotFoundProblem>> GetAsync(string id, IImportJobStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } job
            ? TypedResults.Ok(ImportJobResponse.Of(job))
            : TypedProblems.NotFound($"Import '{id}' does not exist.");

    internal static async Task<Results<Ok<ImportErrorsPage>, NotFoundProblem>> ListErrorsAsync(
        string id, long? afterLine, int? limit, IImportJobStore store, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return TypedProblems.NotFound($"Import '{id}' does not exist.");
        }

        var take = Math.Clamp(limit ?? 100, 1, MaxErrorsPage);
        var items = await store.ListErrorsAsync(id, afterLine ?? 0, take, cancellationToken);
        return TypedResults.Ok(new ImportErrorsPage(items, items.Count == take ? items[^1].Line : null));
    }
}
