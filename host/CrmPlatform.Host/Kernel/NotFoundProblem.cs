using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace CrmPlatform.Host.Kernel;

/// <summary>
/// 404: the addressed thing does not exist, as an RFC 7807 problem written by the problem-details service (the framework's
/// <c>NotFound&lt;ProblemDetails&gt;</c> would write it as plain JSON); a handler that returns it declares
/// the response in the OpenAPI document.
/// </summary>
internal sealed class NotFoundProblem(string detail) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    /// <inheritdoc />
    public ProblemDetails Value { get; } = new() { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = detail };

    /// <inheritdoc />
    object? IValueHttpResult.Value => Value;

    /// <inheritdoc />
    public int? StatusCode => StatusCodes.Status404NotFound;

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(ProblemDetails), ["application/problem+json"]));
    }

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(Value).ExecuteAsync(httpContext);
}
