using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Commands;
using Microsoft.AspNetCore.Diagnostics;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;

namespace CrmPlatform.Host.Kernel;

/// <summary>
/// Turns exceptions into RFC 7807 problem responses: unreadable or ill-typed JSON becomes 400 with
/// the failing field, other bad requests keep their status (413, 415 come from the framework);
/// anything unexpected is 500 without internals.
/// </summary>
public sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problems, IOptions<HttpJsonOptions> json, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ProblemDetails problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException error } => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [FieldOf(error)] = [Describe(await ClassifyAsync(httpContext, error, cancellationToken))] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid JSON for this operation.",
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request is not valid.",
                Detail = bad.Message,
            },
            _ when IsTransient(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The platform is temporarily unavailable.",
                Detail = "Part of the cluster is failing over; retry with the same Idempotency-Key.",
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
            },
        };

        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // One line per outage, not per request: a database restart must not flood the log.
            httpContext.RequestServices.GetService<TransientOutage>()?.Failed(exception, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = "1";
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>The JSON path of the failing member without the leading <c>$.</c>; <c>body</c> for the whole document.</summary>
    public static string FieldOf(JsonException json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var path = json.Path ?? "$";
        return path is "$" or "" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    /// <summary>The message a client sees for each kind of JSON error.</summary>
    internal static string Describe(JsonErrorKind kind) => kind switch
    {
        JsonErrorKind.UnknownField => "Not a known field.",
        JsonErrorKind.WrongType => "Has the wrong type or an unknown value.",
        JsonErrorKind.Null => "Must not be null.",
        JsonErrorKind.Duplicate => "Appears more than once.",
        _ => "Is not valid JSON.",
    };

    /// <summary>
    /// Classifies a body the route could not read: against the contract of the route's body type
    /// (from its metadata), and against the body itself when <see cref="JsonBodyBuffering"/> kept it.
    /// </summary>
    private async Task<JsonErrorKind> ClassifyAsync(HttpContext http, JsonException error, CancellationToken cancellationToken)
    {
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var target = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } type ? json.Value.SerializerOptions.GetTypeInfo(type) : null;
        return JsonErrorClassifier.Classify(error, target, await JsonBodyBuffering.ReadKeptAsync(http.Request, cancellationToken));
    }

    private static bool IsTransient(Exception exception) => TransientFailures.IsTransient(exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
