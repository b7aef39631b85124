using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Security;
using CrmPlatform.Sdk.Customers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CrmPlatform.Host.Customers;

/// <summary>The read routes of <c>/api/customers</c>: one customer from its grain, lists from the read model, timelines from the log.</summary>
public static class CustomerQueryEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapCustomerQueries(this RouteGroupBuilder customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var read = customers.MapGroup("").RequireAuthorization(CrmPolicies.Read).ProducesProblem(StatusCodes.Status401Unauthorized);

        read.MapGet("/{id}", GetAsync).WithName("GetCustomer").WithSummary("Get a customer");
        read.MapGet("", ListAsync).WithName("ListCustomers").WithSummary("List and search customers");
        read.MapGet("/{id}/timeline", TimelineAsync).WithName("GetTimeline").WithSummary("Page through a customer's timeline, newest first");
        return customers;
    }

    internal static async Task<Results<Ok<CustomerView>, NotFoundProblem>> GetAsync(string id, IGrainFactory grains)
    {
        if (!CustomerFields.IsValidId(id))
        {
            return TypedProblems.NotFound($"Customer '{id}' does not exist.");
        }

        return await grains.GetGrain<ICustomerGrain>(id).GetAsync() is { } customer
            ? TypedResults.Ok(customer)
            : TypedProblems.NotFound($"Customer '{id}' does not exist.");
    }

    internal static async Task<Results<Ok<CustomerPage>, ValidationProblem>> ListAsync(
        string? stage, string? tier, string? tag, string? owner, string? q, string? cursor, int? limit,
        ICustomerReadModel readModel, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        LifecycleStage? stageFilter = null;
        if (stage is not null)
        {
            if (Enum.TryParse<LifecycleStage>(stage, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(stage[0]))
            {
                stageFilter = parsed;
            }
            else
            {
                errors.Add("stage", "Not a lifecycle stage.");
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

        if (q is { Length: > 200 })
        {
            errors.Add("q", "Must be at most 200 characters.");
        }

        if (!errors.IsEmpty)
        {
            return TypedProblems.Invalid(errors);
        }

        var query = new CustomerListQuery(stageFilter, tier, tag, owner, string.IsNullOrWhiteSpace(q) ? null : q.Trim(), afterId, limit ?? DefaultPageSize);
        return TypedResults.Ok(await readModel.ListAsync(query, cancellationToken));
    }

    internal static async Task<Results<Ok<TimelinePage>, ValidationProblem, NotFoundProblem>> TimelineAsync(
        string id, long? before, int? limit, IEventLog log, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPageSize || before is < 1)
        {
            var errors = new FieldErrors();
            errors.Add(before is < 1 ? "before" : "limit", before is < 1 ? "Must be at least 1." : $"Must be from 1 to {MaxPageSize}.");
            return TypedProblems.Invalid(errors);
        }

        var events = CustomerFields.IsValidId(id)
            ? await log.ReadStreamBackwardAsync(id, before ?? long.MaxValue, limit ?? DefaultPageSize, cancellationToken)
            : [];
        if (events.Count == 0 && before is null)
        {
            return TypedProblems.NotFound($"Customer '{id}' does not exist.");
        }

        var items = events
            .Select(e => new TimelineEntry(e.EventId, e.Sequence, e.Position, e.Type, e.OccurredAt, e.RecordedAt, e.Actor, e.CorrelationId, e.Event))
            .ToArray();
        var next = items.Length > 0 && items[^1].Sequence > 1 ? items[^1].Sequence : (long?)null;
        return TypedResults.Ok(new TimelinePage(items, next));
    }
}
