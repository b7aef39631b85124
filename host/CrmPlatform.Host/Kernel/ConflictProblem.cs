using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace CrmPlatform.Host.Kernel;

/// <summary>
/// 409: the request conflicts with the current state, as an RFC 7807 problem written by the problem-details service (the framework's
/// <c>Conflict&lt;ProblemDetails&gt;</c> would write it as plain JSON); a handler that returns it declares
/// the response in the OpenAPI document.
/// </summary>
internal sealed class ConflictProblem(string detail, string title = ConflictProblem.DefaultTitle) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    /// <summary>The title when the handler names no more specific one.</summary>
    public const string DefaultTitle = "The request conflicts with the current state.";

    /// <inheritdoc />
    public ProblemDetails Value { get; } = new() { Status = StatusCodes.Status409Conflict, Title = title, Detail = detail };

    /// <inheritdoc />
    object? IValueHttpResult.Value => Value;

    /// <inheritdoc />
    public int? StatusCode => StatusCodes.Status409Conflict;

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status409Conflict, typeof(ProblemDetails), ["application/problem+json"]));
    }

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(Value).ExecuteAsync(httpContext);
}
