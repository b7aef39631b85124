using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Grains.Abstractions.Sales;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Customers;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Security;
using CrmPlatform.Sdk.Sales;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using CrmPlatform.Host.Kernel;


namespace CrmPlatform.Host.Sales;

/// <summary>The routes of <c>/api/opportunities</c>: commands go to the opportunity's grain, lists and the forecast read the <c>opportunities</c> table.</summary>
internal static class SalesEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapSales(this IEndpointRouteBuilder app)
    {
        var opportunities = app.MapGroup("/api/opportunities").WithTags("Opportunities");
        var read = opportunities.MapGroup("").RequireAuthorization(CrmPolicies.Read);
        var write = opportunities.MapGroup("").RequireAuthorization(CrmPolicies.Write);

        write.MapPost("", Open).WithName("OpenOpportunity").WithSummary("Open an opportunity");
        write.MapPost("/{id}/stage", (string id, MoveStageRequest body, HttpContext http, IGrainFactory grains) =>
            OpportunityCommandSender.SendAsync(http, grains, id, new MoveOpportunityStage(body.Stage, body.Probability)))
            .WithName("MoveOpportunityStage").WithSummary("Move an opportunity to another open stage");
        write.MapPatch("/{id}", (string id, ChangeTermsRequest body, HttpContext http, IGrainFactory grains) =>
            OpportunityCommandSender.SendAsync(http, grains, id, new ChangeOpportunityTerms(body.Amount, body.Currency, body.ExpectedCloseDate)))
            .WithName("ChangeOpportunityTerms").WithSummary("Change an opportunity's amount or expected close date");
        write.MapPost("/{id}/win", (string id, HttpContext http, IGrainFactory grains) =>
            OpportunityCommandSender.SendAsync(http, grains, id, new WinOpportunity())).WithName("WinOpportunity").WithSummary("Win an opportunity");
        write.MapPost("/{id}/lose", (string id, LoseRequest body, HttpContext http, IGrainFactory grains) =>
            OpportunityCommandSender.SendAsync(http, grains, id, new LoseOpportunity(body.Reason))).WithName("LoseOpportunity").WithSummary("Lose an opportunity, with the reason");
        write.MapPost("/{id}/reopen", (string id, HttpContext http, IGrainFactory grains) =>
            OpportunityCommandSender.SendAsync(http, grains, id, new ReopenOpportunity())).WithName("ReopenOpportunity").WithSummary("Reopen a lost opportunity");

        read.MapGet("/forecast", Forecast).WithName("OpportunityForecast").WithSummary("The weighted pipeline by expected close month and owner");
        read.MapGet("/{id}", Get).WithName("GetOpportunity").WithSummary("Get an opportunity");
        read.MapGet("", List).WithName("ListOpportunities").WithSummary("List opportunities by stage, owner or customer");
        return app;
    }

    private static Task<Results<Ok<OpportunityCommandResponse>, Created<OpportunityCommandResponse>, ValidationProblem, ProblemHttpResult>> Open(
        OpenOpportunityRequest body, HttpContext http, IGrainFactory grains) =>
        OpportunityCommandSender.SendAsync(http, grains, body.Id ?? NewId(http), body.ToCommand(), created: true);

    private static async Task<Results<Ok<OpportunityView>, NotFound<ProblemDetails>>> Get(string id, IGrainFactory grains) =>
        CustomerFields.IsValidId(id) && await grains.GetGrain<IOpportunityGrain>(id).GetAsync() is { } view
            ? TypedResults.Ok(view)
            : TypedResults.NotFound(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = $"Opportunity '{id}' does not exist." });

    private static async Task<Results<Ok<OpportunityPage>, ValidationProblem>> List(
        string? stage, string? owner, string? customerId, string? cursor, int? limit, OpportunityStore store, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        OpportunityStage? stageFilter = null;
        if (stage is not null)
        {
            if (Enum.TryParse<OpportunityStage>(stage, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(stage[0]))
            {
                stageFilter = parsed;
            }
            else
            {
                errors.Add("stage", "Not a pipeline stage.");
            }
        }

        var afterId = cursor is null ? null : CustomerCursor.Decode(cursor);
        if (cursor is not null && afterId is null)
        {
            errors.Add("cursor", "Not a cursor from a previous page.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            errors.Add("limit", $"Must be from 1 to {MaxPageSize}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        return TypedResults.Ok(await store.ListAsync(new OpportunityListQuery(stageFilter, owner, customerId, afterId, limit ?? DefaultPageSize), cancellationToken));
    }

    private static async Task<Ok<Forecast>> Forecast(DateTimeOffset? asOf, OpportunityStore store, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ForecastAsync(asOf ?? time.GetUtcNow(), cancellationToken));

    /// <summary>A new opportunity's id: derived from the API key and the Idempotency-Key when one is given, so a retried open reaches the same opportunity.</summary>
    private static string NewId(HttpContext http)
    {
        if (IdempotencyKeys.Of(http, new FieldErrors()) is not { } key)
        {
            return $"op-{Guid.CreateVersion7():N}";
        }

        var scope = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return $"op-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"opportunity\n{scope}\n{key}")))[..32]}";
    }
}
