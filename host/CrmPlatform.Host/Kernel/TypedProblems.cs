using CrmPlatform.Grains.Customers.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Host.Kernel;

/// <summary>
/// The API's RFC 7807 problems as typed results, so a handler's return type states its responses
/// and the OpenAPI document follows from it (the same titles as <see cref="ApiProblems"/>).
/// </summary>
internal static class TypedProblems
{
    /// <summary>400 with the failing fields.</summary>
    public static ValidationProblem Invalid(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Invalid(errors.ToDictionary());
    }

    /// <summary>400 with the failing fields.</summary>
    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more fields are invalid.");

    /// <summary>404.</summary>
    public static NotFoundProblem NotFound(string detail) => new(detail);

    /// <summary>409.</summary>
    public static ConflictProblem Conflict(string detail, string title = ConflictProblem.DefaultTitle) => new(detail, title);

    /// <summary>422: the Idempotency-Key was already used for a different request; names the header as the failing field.</summary>
    public static ProblemHttpResult IdempotencyKeyReused(string detail) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The Idempotency-Key was already used for a different request.",
            detail: detail,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [IdempotencyKeys.Header] = [detail] },
            });
}
