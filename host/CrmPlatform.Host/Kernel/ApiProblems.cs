using CrmPlatform.Grains.Customers.Validation;

namespace CrmPlatform.Host.Kernel;

/// <summary>The RFC 7807 problem responses the API returns.</summary>
public static class ApiProblems
{
    /// <summary>400 with the failing fields.</summary>
    public static IResult Invalid(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Invalid(errors.ToDictionary());
    }

    /// <summary>400 with the failing fields.</summary>
    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");

    /// <summary>404.</summary>
    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);

    /// <summary>422: a plugin's command hook refused the command.</summary>
    public static IResult Vetoed(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "A plugin vetoed the command.", detail: detail);

    /// <summary>422: the contact rules refused the command; <paramref name="errors"/> names the rule (the refusal is on the timeline).</summary>
    public static IResult Refused(string detail, IReadOnlyDictionary<string, string[]> errors) =>
        Results.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The contact rules refused the message.",
            detail: detail,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["errors"] = errors });

    /// <summary>422: the Idempotency-Key was already used for a different request; names the header as the failing field.</summary>
    public static IResult IdempotencyKeyReused(string detail) => TypedProblems.IdempotencyKeyReused(detail);

    /// <summary>409.</summary>
    public static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state.", detail: detail);
}
