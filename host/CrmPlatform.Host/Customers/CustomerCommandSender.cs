using System.Security.Claims;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Kernel;

namespace CrmPlatform.Host.Customers;

/// <summary>
/// Sends a command from an HTTP request to the customer's grain and turns the outcome into a
/// response: the idempotency key, actor and correlation id travel with it, and refusals become
/// problem responses (400 with the failing fields, 404, 409).
/// </summary>
public sealed class CustomerCommandSender(IGrainFactory grains)
{
    /// <summary>Validates the route id and the idempotency key, then runs the command.</summary>
    public async Task<IResult> SendAsync(HttpContext http, string customerId, CustomerCommand? command, FieldErrors errors, bool created = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(errors);
        if (!CustomerFields.IsValidId(customerId))
        {
            errors.Add("id", "Must be 1–64 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");
        }

        var key = IdempotencyKeys.Of(http, errors);
        if (!errors.IsEmpty || command is null)
        {
            return ApiProblems.Invalid(errors);
        }

        var actor = $"api-key:{http.User.FindFirstValue(ClaimTypes.NameIdentifier)}";
        var context = new CommandContext(actor, CorrelationIds.Of(http), key);
        var result = await ExecuteAsync(customerId, command, context);
        if (result.Status == CommandStatus.Replayed)
        {
            http.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        }

        var response = new CommandResponse(
            result.CustomerId,
            result.Status == CommandStatus.Unchanged ? "unchanged" : "accepted",
            result.FirstSequence,
            result.LastSequence);
        return result.Status switch
        {
            CommandStatus.Accepted or CommandStatus.Replayed when created => Results.Created($"/api/customers/{customerId}", response),
            CommandStatus.Accepted or CommandStatus.Replayed or CommandStatus.Unchanged => Results.Ok(response),
            CommandStatus.Invalid => ApiProblems.Invalid(result.Errors!),
            CommandStatus.NotFound => ApiProblems.NotFound(result.Detail!),
            CommandStatus.Vetoed => ApiProblems.Vetoed(result.Detail!),
            CommandStatus.KeyReused => ApiProblems.IdempotencyKeyReused(result.Detail!),
            CommandStatus.Refused => ApiProblems.Refused(result.Detail!, result.Errors!),
            _ => ApiProblems.Conflict(result.Detail!),
        };
    }

    /// <summary>
    /// Runs a command that another front end (the console) has already checked and authorised, with
    /// its actor and idempotency key: the grain's rules decide, as for an API call.
    /// </summary>
    public Task<CommandResult> ExecuteAsync(string customerId, CustomerCommand command, CommandContext context) =>
        grains.GetGrain<ICustomerGrain>(customerId).ExecuteAsync(command, context);
}
