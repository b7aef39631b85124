using System.Security.Claims;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Customers;
using CrmPlatform.Host.Customers.Requests;
using CrmPlatform.Host.Security;

namespace CrmPlatform.Host.Channels;

/// <summary>
/// <c>POST /api/customers/{id}/messages</c>: asks for a message to the customer on a channel. The
/// customer's grain checks the contact rules; a refusal is recorded on the timeline and answered
/// 422 naming the rule (<c>consent</c>, <c>address</c>, <c>frequencyCap</c>, <c>quietHours</c>,
/// <c>channel</c>, <c>text</c>); an accepted message is answered 202 and sent by the channel's plugin.
/// </summary>
public static class CustomerMessageEndpoints
{
    /// <summary>Maps the route.</summary>
    public static RouteGroupBuilder MapCustomerMessages(this RouteGroupBuilder customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        customers.MapPost("/{id}/messages", SendAsync)
            .RequireAuthorization(CrmPolicies.Write)
            .WithName("SendMessage")
            .WithSummary("Send a message to a customer on a channel")
            .Produces<MessageAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return customers;
    }

    private static async Task<IResult> SendAsync(string id, SendMessageRequest body, HttpContext http, MessageRequests messages)
    {
        var errors = new FieldErrors();
        if (!CustomerFields.IsValidId(id))
        {
            errors.Add("id", "Must be 1–64 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");
        }

        if (body.Channel is null)
        {
            errors.Add("channel", "Required.");
        }

        var key = IdempotencyKeys.Of(http, errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var apiKey = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var messageId = MessageRequests.NewMessageId($"api-key:{apiKey}:{id}", key);
        var context = new CommandContext($"api-key:{apiKey}", CorrelationIds.Of(http), key);
        var result = await messages.RequestAsync(id, messageId, body.Channel, body.Text, body.Template, body.Variables, context);
        if (result.Status == CommandStatus.Replayed)
        {
            http.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        }

        return result.Status switch
        {
            CommandStatus.Accepted or CommandStatus.Replayed =>
                Results.Accepted($"/api/customers/{id}/timeline", new MessageAccepted(id, messageId, "requested", result.FirstSequence)),
            CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
            CommandStatus.NotFound => ApiProblems.NotFound(result.Detail!),
            CommandStatus.Refused => ApiProblems.Refused(result.Detail!, result.Errors!),
            CommandStatus.Vetoed => ApiProblems.Vetoed(result.Detail!),
            CommandStatus.KeyReused => ApiProblems.IdempotencyKeyReused(result.Detail!),
            _ => ApiProblems.Conflict(result.Detail!),
        };
    }
}
