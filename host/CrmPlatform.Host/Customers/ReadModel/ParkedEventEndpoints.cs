using System.Globalization;
using CrmPlatform.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary><c>/api/read-model/parked</c>: the events the read model gave up on, and retrying them after a fix (admin only).</summary>
internal static class ParkedEventEndpoints
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1_000;

    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapParkedEvents(this RouteGroupBuilder readModel)
    {
        ArgumentNullException.ThrowIfNull(readModel);
        var parked = readModel.MapGroup("/parked").RequireAuthorization(CrmPolicies.Admin);
        parked.MapGet("", ListAsync)
            .WithName("ListParkedReadModelEvents").WithSummary("The events the read model failed to apply, in log order")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        parked.MapPost("/retry", RetryAllAsync)
            .WithName("RetryParkedReadModelEvents").WithSummary("Apply every parked event again; those that succeed leave the list")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        parked.MapPost("/{position}/retry", RetryAsync)
            .WithName("RetryParkedReadModelEvent").WithSummary("Apply one parked event again; it leaves the list when it succeeds")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return readModel;
    }

    private static async Task<Results<Ok<IReadOnlyList<ParkedEvent>>, ValidationProblem>> ListAsync(
        int? limit, ICustomerReadModel readModel, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return Invalid("limit", $"Must be from 1 to {MaxPageSize}.");
        }

        return TypedResults.Ok(await readModel.ListParkedAsync(limit ?? DefaultPageSize, cancellationToken));
    }

    private static async Task<Ok<ParkedRetrySummary>> RetryAllAsync(ParkedEventRetrier retrier, CancellationToken cancellationToken) =>
        TypedResults.Ok(await retrier.RetryAllAsync(cancellationToken));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RetryAsync(
        string position, ICustomerReadModel readModel, ParkedEventRetrier retrier, CancellationToken cancellationToken)
    {
        if (!long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var at) || at < 1)
        {
            return Invalid("position", "Must be a log position (a whole number from 1).");
        }

        if (await readModel.FindParkedAsync(at, cancellationToken) is not { } parked)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No read-model event is parked at position {at}.");
        }

        return await retrier.RetryAsync(parked, cancellationToken) is { } failure
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state.", detail: $"The event failed again: {failure}")
            : TypedResults.NoContent();
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "One or more fields are invalid.");
}
