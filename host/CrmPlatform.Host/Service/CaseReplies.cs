using System.Security.Claims;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Service;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Channels;
using CrmPlatform.Host.Customers;
using CrmPlatform.Host.Kernel;
using CrmPlatform.Sdk.Service;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Host.Service;

/// <summary>The body of <c>POST /api/cases/{id}/replies</c>: the channel and what to write to the customer.</summary>
internal sealed record CaseReplyBody(string? Channel, string? Text);

/// <summary>A reply the customer's grain accepted: the channel's plugin sends it as message <paramref name="MessageId"/>.</summary>
internal sealed record CaseReplyAccepted(string CaseId, string MessageId, string Status);

/// <summary>
/// <c>POST /api/cases/{id}/replies</c>: a reply to the case's customer over a channel. It is a
/// message request to the customer's grain, under the same rules as
/// <c>POST /api/customers/{id}/messages</c> (consent, address, frequency caps, quiet hours, send
/// once; a refusal is 422 naming the rule and writes nothing on the case); once accepted the case
/// records it, and the conversation tracker records when the provider sent it.
/// </summary>
internal static class CaseReplies
{
    public static async Task<Results<Accepted<CaseReplyAccepted>, ValidationProblem, ProblemHttpResult>> SendAsync(
        string id, CaseReplyBody body, HttpContext http, IGrainFactory grains, MessageRequests messages)
    {
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "id", id);
        CustomerFields.Channel(errors, "channel", body.Channel);
        CustomerFields.Text(errors, "text", body.Text, CustomerFields.MaxTextLength, required: true);
        var key = IdempotencyKeys.Of(http, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        var grain = grains.GetGrain<ICaseGrain>(id);
        if (await grain.GetAsync() is not { } view)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"Case '{id}' does not exist.");
        }

        if (view.Status == CaseStatus.Closed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state.", detail: "A closed case takes no more replies.");
        }

        var actor = $"api-key:{http.User.FindFirstValue(ClaimTypes.NameIdentifier)}";
        var messageId = MessageRequests.NewMessageId($"case:{id}:{actor}", key);
        var context = new CommandContext(actor, CorrelationIds.Of(http), key);
        var text = body.Text!.Trim();
        var requested = await messages.RequestAsync(view.CustomerId, messageId, body.Channel, text, null, null, context);
        switch (requested.Status)
        {
            case CommandStatus.Accepted or CommandStatus.Replayed:
                break;
            case CommandStatus.Invalid:
                return TypedResults.ValidationProblem(requested.Errors!.ToDictionary(), title: "One or more fields are invalid.");
            case CommandStatus.Refused:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "The contact rules refused the message.",
                    detail: requested.Detail,
                    extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["errors"] = requested.Errors });
            case CommandStatus.Vetoed:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "A plugin vetoed the command.", detail: requested.Detail);
            case CommandStatus.KeyReused:
                return TypedProblems.IdempotencyKeyReused(requested.Detail!);
            case CommandStatus.NotFound:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: requested.Detail);
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state.", detail: requested.Detail);
        }

        if (requested.Status == CommandStatus.Replayed)
        {
            http.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        }

        var recorded = await grain.ExecuteAsync(new RecordCaseReply(messageId, body.Channel!, text), context with { IdempotencyKey = null });
        return recorded.Succeeded
            ? TypedResults.Accepted($"/api/cases/{id}", new CaseReplyAccepted(id, messageId, "requested"))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state.", detail: recorded.Detail);
    }
}
