using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Customers.Requests;
using CrmPlatform.Host.Security;
using CrmPlatform.Host.Kernel;


namespace CrmPlatform.Host.Customers;

/// <summary>The command routes of <c>/api/customers</c>: every change to a customer goes through its grain.</summary>
public static class CustomerEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapCustomerCommands(this RouteGroupBuilder customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var write = customers.MapGroup("").RequireAuthorization(CrmPolicies.Write);

        write.MapPost("", (RegisterCustomerRequest body, HttpContext http, CustomerCommandSender sender) =>
        {
            var errors = new FieldErrors();
            return sender.SendAsync(http, body.Id ?? NewCustomerId(http), body.ToCommand(errors), errors, created: true);
        }).WithName("RegisterCustomer").WithSummary("Register a customer").DescribeCommand(StatusCodes.Status201Created);

        write.MapPatch("/{id}", (string id, UpdateProfileRequest body, HttpContext http, CustomerCommandSender sender) =>
            Send(http, sender, id, body.ToCommand)).WithName("UpdateProfile").WithSummary("Update a customer's profile").DescribeCommand();

        write.MapPost("/{id}/stage", (string id, ChangeStageRequest body, HttpContext http, CustomerCommandSender sender) =>
            Send(http, sender, id, body.ToCommand)).WithName("ChangeStage").WithSummary("Change a customer's lifecycle stage").DescribeCommand();

        write.MapPost("/{id}/interactions", (string id, RecordInteractionRequest body, HttpContext http, CustomerCommandSender sender) =>
            Send(http, sender, id, body.ToCommand)).WithName("RecordInteraction").WithSummary("Record an interaction").DescribeCommand();

        write.MapPost("/{id}/orders", (string id, PlaceOrderRequest body, HttpContext http, CustomerCommandSender sender) =>
            Send(http, sender, id, body.ToCommand)).WithName("PlaceOrder").WithSummary("Place an order").DescribeCommand();

        write.MapPost("/{id}/orders/{orderId}/cancel", (string id, string orderId, CancelOrderRequest body, HttpContext http, CustomerCommandSender sender) =>
            Send(http, sender, id, _ => new CancelOrder(orderId, body.Reason))).WithName("CancelOrder").WithSummary("Cancel an order").DescribeCommand();

        write.MapPost("/{id}/cases", (string id, OpenCaseRequest body, HttpContext http, CustomerCommandSender sender) =>
            Send(http, sender, id, body.ToCommand)).WithName("OpenCase").WithSummary("Open a service case").DescribeCommand();

        write.MapPost("/{id}/cases/{caseId}/resolve", (string id, string caseId, ResolveCaseRequest body, HttpContext http, CustomerCommandSender sender) =>
            Send(http, sender, id, _ => new ResolveCase(caseId, body.Resolution, body.Satisfaction))).WithName("ResolveCase").WithSummary("Resolve a case").DescribeCommand();

        write.MapPut("/{id}/consent/{channel}", (string id, string channel, SetConsentRequest body, HttpContext http, CustomerCommandSender sender) =>
            Send(http, sender, id, errors => errors.Required("status", body.Status) is { } status ? new SetConsent(channel, status, body.Source) : null))
            .WithName("SetConsent").WithSummary("Grant or withdraw consent on a channel").DescribeCommand();

        write.MapPost("/{id}/tags", (string id, ChangeTagsRequest body, HttpContext http, CustomerCommandSender sender) =>
            Send(http, sender, id, body.ToCommand)).WithName("ChangeTags").WithSummary("Add and remove tags").DescribeCommand();

        write.MapPut("/{id}/owner", (string id, AssignOwnerRequest body, HttpContext http, CustomerCommandSender sender) =>
            Send(http, sender, id, body.ToCommand)).WithName("AssignOwner").WithSummary("Assign an owner").DescribeCommand();

        write.MapPost("/{id}/insights", (string id, SetInsightRequest body, HttpContext http, CustomerCommandSender sender) =>
            Send(http, sender, id, _ => new SetInsight(body.Name!, body.Value, body.Label, body.Source!))).WithName("SetInsight").WithSummary("Write an insight").DescribeCommand();

        return customers;
    }

    /// <summary>Documents a command route's responses: the command response, 400 with fields, 401, 403, 404, 409 and 422 (vetoed by a plugin).</summary>
    private static RouteHandlerBuilder DescribeCommand(this RouteHandlerBuilder route, int successStatus = StatusCodes.Status200OK) =>
        route.Produces<CommandResponse>(successStatus)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> Send(HttpContext http, CustomerCommandSender sender, string id, Func<FieldErrors, CustomerCommand?> toCommand)
    {
        var errors = new FieldErrors();
        return sender.SendAsync(http, id, toCommand(errors), errors);
    }

    /// <summary>
    /// A new customer's id: derived from the API key and the Idempotency-Key when one is given, so a
    /// retried registration reaches the same customer; random otherwise.
    /// </summary>
    private static string NewCustomerId(HttpContext http)
    {
        if (IdempotencyKeys.Of(http, new FieldErrors()) is not { } key)
        {
            return $"c-{Guid.CreateVersion7():N}";
        }

        var scope = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{key}"));
        return $"c-{Convert.ToHexStringLower(hash)[..32]}";
    }
}
