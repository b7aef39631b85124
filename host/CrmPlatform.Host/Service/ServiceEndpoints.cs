using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Grains.Abstractions.Service;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Customers;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Security;
using CrmPlatform.Sdk.Service;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

using CrmPlatform.Host.Kernel;

namespace CrmPlatform.Host.Service;

/// <summary>
/// The routes of <c>/api/cases</c>: commands go to the case's grain, lists read the <c>cases</c>
/// table; queues, calendars and SLA policies are definitions (admin to change, read to see).
/// </summary>
internal static class ServiceEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;
    private const string Invalid = "One or more fields are invalid.";

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapService(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Cases");
        var read = cases.MapGroup("").RequireAuthorization(CrmPolicies.Read);
        var write = cases.MapGroup("").RequireAuthorization(CrmPolicies.Write);
        var admin = cases.MapGroup("").RequireAuthorization(CrmPolicies.Admin);

        write.MapPost("", Open).WithName("OpenServiceCase").WithSummary("Open a case");
        write.MapPost("/{id}/status", (string id, CaseStatusBody body, HttpContext http, IGrainFactory grains) =>
            CaseCommandSender.SendAsync(http, grains, id, new ChangeCaseStatus(body.To, body.Reason)))
            .WithName("ChangeCaseStatus").WithSummary("Move a case to another status (open, pending, resolved, closed; reopen within the window)");
        write.MapPost("/{id}/assign", (string id, AssignCaseBody body, HttpContext http, IGrainFactory grains) =>
            CaseCommandSender.SendAsync(http, grains, id, new AssignCase(body.Queue, body.Owner)))
            .WithName("AssignCase").WithSummary("Put a case in a queue or give it to an agent");
        write.MapPost("/{id}/notes", (string id, CaseNoteBody body, HttpContext http, IGrainFactory grains) =>
            CaseCommandSender.SendAsync(http, grains, id, new AddCaseNote(body.Text, body.Internal ?? true)))
            .WithName("AddCaseNote").WithSummary("Add an internal note or a public comment to a case");
        write.MapPatch("/{id}", (string id, ClassifyCaseBody body, HttpContext http, IGrainFactory grains) =>
            CaseCommandSender.SendAsync(http, grains, id, new ClassifyCase(body.Priority, body.Category, body.Tags?.ToArray())))
            .WithName("ClassifyCase").WithSummary("Change a case's priority, category or tags");
        write.MapPost("/{id}/replies", CaseReplies.SendAsync)
            .WithName("ReplyOnCase").WithSummary("Reply to the case's customer over a channel (the contact rules of customer messages apply)");

        read.MapGet("/queues", ListQueues).WithName("ListQueues").WithSummary("The service queues");
        admin.MapPut("/queues/{queueId}", SaveQueue).WithName("SaveQueue").WithSummary("Create or replace a queue");
        read.MapGet("/sla-policies", ListPolicies).WithName("ListSlaPolicies").WithSummary("The SLA policies");
        admin.MapPut("/sla-policies/{policyId}", SavePolicy).WithName("SaveSlaPolicy").WithSummary("Create or replace an SLA policy");
        admin.MapPut("/calendars/{calendarId}", SaveCalendar).WithName("SaveBusinessCalendar").WithSummary("Create or replace a business calendar");

        read.MapGet("/{id}", Get).WithName("GetServiceCase").WithSummary("Get a case with its notes, SLA and history");
        read.MapGet("", List).WithName("ListServiceCases").WithSummary("List cases by status, queue, owner, customer or breach");
        return app;
    }

    private static Task<Results<Ok<CaseCommandResponse>, Created<CaseCommandResponse>, ValidationProblem, ProblemHttpResult>> Open(
        OpenCaseBody body, HttpContext http, IGrainFactory grains) =>
        CaseCommandSender.SendAsync(http, grains, body.Id ?? NewId(http), body.ToCommand(), created: true);

    private static async Task<Results<Ok<CaseView>, NotFound<ProblemDetails>>> Get(string id, IGrainFactory grains) =>
        CustomerFields.IsValidId(id) && await grains.GetGrain<ICaseGrain>(id).GetAsync() is { } view
            ? TypedResults.Ok(view)
            : TypedResults.NotFound(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = $"Case '{id}' does not exist." });

    private static async Task<Results<Ok<CasePage>, ValidationProblem>> List(
        string? status, string? queue, string? owner, string? customerId, bool? breached, string? cursor, int? limit, CaseStore store, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        CaseStatus? statusFilter = null;
        if (status is not null)
        {
            if (Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(status[0]))
            {
                statusFilter = parsed;
            }
            else
            {
                errors.Add("status", "Not a case status (new, open, pending, resolved, closed).");
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
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Invalid);
        }

        return TypedResults.Ok(await store.ListAsync(new CaseListQuery(statusFilter, queue, owner, customerId, breached, afterId, limit ?? DefaultPageSize), cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<NamedDefinition<QueueRequest>>>> ListQueues(ServiceConfigStore config, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<NamedDefinition<QueueRequest>>>(
            [.. (await config.ListAsync<QueueRequest>(ServiceConfigStore.Queue, cancellationToken)).Select(q => new NamedDefinition<QueueRequest>(q.Id, q.Definition))]);

    private static async Task<Ok<IReadOnlyList<NamedDefinition<SlaPolicyDefinition>>>> ListPolicies(ServiceConfigStore config, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<NamedDefinition<SlaPolicyDefinition>>>(
            [.. (await config.ListAsync<SlaPolicyDefinition>(ServiceConfigStore.SlaPolicy, cancellationToken)).Select(p => new NamedDefinition<SlaPolicyDefinition>(p.Id, p.Definition))]);

    private static async Task<Results<Ok<NamedDefinition<QueueRequest>>, ValidationProblem>> SaveQueue(
        string queueId, QueueRequest body, ServiceConfigStore config, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = ServiceDefinitionRules.Queue(queueId, body);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Invalid);
        }

        var saved = body with { Members = [.. body.Members!.Select(m => m.Trim())], Strategy = body.Strategy ?? Grains.Service.AssignmentStrategy.RoundRobin };
        await config.SaveAsync(ServiceConfigStore.Queue, queueId, saved, time.GetUtcNow(), cancellationToken);
        await grains.GetGrain<IQueueGrain>(queueId).ResetAsync();
        return TypedResults.Ok(new NamedDefinition<QueueRequest>(queueId, saved));
    }

    private static async Task<Results<Ok<NamedDefinition<SlaPolicyDefinition>>, ValidationProblem>> SavePolicy(
        string policyId, SlaPolicyDefinition body, ServiceConfigStore config, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = ServiceDefinitionRules.Policy(policyId, body);
        if (body.CalendarId is { } calendarId && errors.IsEmpty
            && await config.FindAsync<CalendarDefinition>(ServiceConfigStore.Calendar, calendarId, cancellationToken) is null)
        {
            errors.Add("calendarId", $"Calendar '{calendarId}' does not exist.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Invalid);
        }

        await config.SaveAsync(ServiceConfigStore.SlaPolicy, policyId, body, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new NamedDefinition<SlaPolicyDefinition>(policyId, body));
    }

    private static async Task<Results<Ok<NamedDefinition<CalendarDefinition>>, ValidationProblem>> SaveCalendar(
        string calendarId, CalendarDefinition body, ServiceConfigStore config, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = ServiceDefinitionRules.Calendar(calendarId, body);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Invalid);
        }

        await config.SaveAsync(ServiceConfigStore.Calendar, calendarId, body, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new NamedDefinition<CalendarDefinition>(calendarId, body));
    }

    /// <summary>A new case's id: derived from the API key and the Idempotency-Key when one is given, so a retried open reaches the same case.</summary>
    private static string NewId(HttpContext http)
    {
        if (IdempotencyKeys.Of(http, new FieldErrors()) is not { } key)
        {
            return $"cs-{Guid.CreateVersion7():N}";
        }

        var scope = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return $"cs-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"case\n{scope}\n{key}")))[..32]}";
    }
}
