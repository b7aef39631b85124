using System.Security.Claims;
using System.Security.Cryptography;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Kernel;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CrmPlatform.Host.Import;

/// <summary>
/// Takes an upload apart as it streams in: the mapping part is validated first (400 before any of
/// the file is stored), then the file's header is checked against it, then the file is stored in
/// chunks with its SHA-256, and the job is queued for a runner.
/// </summary>
public sealed class ImportUploader(IImportJobStore store, ImportJobRunner runner, IOptions<ImportOptions> options, IOptions<CustomerOptions> customers, TimeProvider time)
{
    /// <summary>The size of a stored chunk of the file.</summary>
    public const int ChunkBytes = 1024 * 1024;

    private const int MaxMappingBytes = 256 * 1024;

    /// <summary>Handles <c>POST /api/imports?kind=…</c>.</summary>
    public async Task<IResult> UploadAsync(HttpContext http, string? kind)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cancellationToken = http.RequestAborted;
        var errors = new FieldErrors();
        var importKind = kind is "customers" ? ImportKind.Customers : kind is "orders" ? ImportKind.Orders : (ImportKind?)null;
        if (importKind is null)
        {
            errors.Add("kind", "Must be 'customers' or 'orders'.");
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type.",
                detail: "Send multipart/form-data: a 'mapping' part (JSON), then a 'file' part (CSV, UTF-8).");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxFileBytes + MaxMappingBytes;
        }

        var reader = new MultipartReader(boundary, http.Request.Body);
        var mappingJson = await ReadMappingAsync(reader, errors, cancellationToken);
        var mapping = mappingJson is null || importKind is null ? null : ImportMapping.Parse(importKind.Value, mappingJson, customers.Value.Attributes, errors);
        if (mapping is null)
        {
            return ApiProblems.Invalid(errors);
        }

        if (await reader.ReadNextSectionAsync(cancellationToken) is not { } file || NameOf(file) != "file")
        {
            errors.Add("file", "Required: a 'file' part (CSV) after the 'mapping' part.");
            return ApiProblems.Invalid(errors);
        }

        var first = new byte[ChunkBytes];
        var firstLength = await file.Body.ReadAtLeastAsync(first, ChunkBytes, throwOnEndOfStream: false, cancellationToken);
        if (await CheckHeaderAsync(mapping, first.AsMemory(0, firstLength), errors) is false)
        {
            return ApiProblems.Invalid(errors);
        }

        var actor = $"api-key:{http.User.FindFirstValue(ClaimTypes.NameIdentifier)}";
        var job = ImportJob.New(Guid.CreateVersion7(time.GetUtcNow()).ToString("N"), mapping.Kind, mappingJson!, actor, time.GetUtcNow());
        await store.CreateAsync(job, cancellationToken);
        try
        {
            job = await StoreFileAsync(job, file.Body, first, firstLength, cancellationToken);
        }
        catch
        {
            await store.UpdateAsync(job with { State = ImportJobState.Failed, Error = "The upload did not complete." }, [], null, time.GetUtcNow(), CancellationToken.None);
            throw;
        }

        runner.Wake();
        return Results.Accepted($"/api/imports/{job.Id}", ImportJobResponse.Of(job));
    }

    private async Task<ImportJob> StoreFileAsync(ImportJob job, Stream body, byte[] first, int firstLength, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = first;
        var length = firstLength;
        var total = 0L;
        for (var index = 0; length > 0; index++)
        {
            sha.AppendData(buffer, 0, length);
            total += length;
            await store.AppendChunkAsync(job.Id, index, buffer.AsMemory(0, length), cancellationToken);
            length = await body.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, cancellationToken);
        }

        job = job with { State = ImportJobState.Queued, FileBytes = total, FileSha256 = Convert.ToHexStringLower(sha.GetHashAndReset()), UpdatedAt = time.GetUtcNow() };
        await store.UpdateAsync(job, [], null, time.GetUtcNow(), cancellationToken);
        return job;
    }

    private static async Task<string?> ReadMappingAsync(MultipartReader reader, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (await reader.ReadNextSectionAsync(cancellationToken) is not { } section || NameOf(section) != "mapping")
        {
            errors.Add("mapping", "Required: the first part must be 'mapping' (JSON).");
            return null;
        }

        var buffer = new byte[MaxMappingBytes + 1];
        var length = await section.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (length > MaxMappingBytes)
        {
            errors.Add("mapping", $"At most {MaxMappingBytes} bytes.");
            return null;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>Checks the file's header (within its first chunk) against the mapping.</summary>
    private static async Task<bool> CheckHeaderAsync(ImportMapping mapping, ReadOnlyMemory<byte> start, FieldErrors errors)
    {
        if (start.Length == 0)
        {
            errors.Add("file", "The file is empty.");
            return false;
        }

        if (start.Length == ChunkBytes && !start.Span.Contains((byte)'\n'))
        {
            errors.Add("file", $"The header line is longer than {ChunkBytes} bytes.");
            return false;
        }

        using var csv = new CsvRowReader(new MemoryStream(start.ToArray()), mapping.Delimiter);
        try
        {
            var header = await csv.ReadHeaderAsync();
            return mapping.Bind(header, errors) is not null;
        }
        catch (InvalidDataException ex)
        {
            errors.Add("file", ex.Message);
            return false;
        }
    }

    private static string? NameOf(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            ? HeaderUtilities.RemoveQuotes(disposition.Name).Value
            : null;
}
