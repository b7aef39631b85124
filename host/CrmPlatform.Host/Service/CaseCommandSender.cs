using System.Security.Claims;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Service;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Customers;
using CrmPlatform.Host.Kernel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Host.Service;

/// <summary>Sends a command from an HTTP request to the case's grain and turns the outcome into a typed response or a problem.</summary>
internal static class CaseCommandSender
{
    public static async Task<Results<Ok<CaseCommandResponse>, Created<CaseCommandResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(
        HttpContext http, IGrainFactory grains, string id, CaseCommand command, bool created = false)
    {
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "id", id);
        var key = IdempotencyKeys.Of(http, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        var actor = $"api-key:{http.User.FindFirstValue(ClaimTypes.NameIdentifier)}";
        var result = await grains.GetGrain<ICaseGrain>(id).ExecuteAsync(command, new CommandContext(actor, CorrelationIds.Of(http), key));
        if (result.Status == CommandStatus.Replayed)
        {
            http.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        }

        var response = new CaseCommandResponse(id, result.Status == CommandStatus.Unchanged ? "unchanged" : "accepted", result.FirstSequence, result.LastSequence);
        return result.Status switch
        {
            CommandStatus.Accepted or CommandStatus.Replayed when created => TypedResults.Created($"/api/cases/{id}", response),
            CommandStatus.Accepted or CommandStatus.Replayed or CommandStatus.Unchanged => TypedResults.Ok(response),
            CommandStatus.Invalid => TypedResults.ValidationProblem(result.Errors!.ToDictionary(), title: "One or more fields are invalid."),
            CommandStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: result.Detail),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state.", detail: result.Detail),
        };
    }
}
