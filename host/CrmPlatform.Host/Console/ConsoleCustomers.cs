using System.Security.Claims;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Customers;
using CrmPlatform.Host.Sales;
using CrmPlatform.Host.Security;
using CrmPlatform.Sdk.Events;
using Microsoft.AspNetCore.Authorization;

namespace CrmPlatform.Host.Console;

/// <summary>
/// What the console's customer page reads and does, through the services the REST API uses: one
/// customer from its grain, the timeline from the log, opportunities from the sales read model,
/// commands through <see cref="CustomerCommandSender"/> — each command first authorised with the
/// API's own policy for the signed-in person, on the server, whatever the screen showed.
/// </summary>
internal sealed class ConsoleCustomers(
    IGrainFactory grains,
    IEventLog log,
    CustomerCommandSender commands,
    OpportunityStore opportunities,
    IAuthorizationService authorization)
{
    /// <summary>The customer as its grain knows it, or null.</summary>
    public async Task<CustomerView?> FindAsync(string id) =>
        CustomerFields.IsValidId(id) ? await grains.GetGrain<ICustomerGrain>(id).GetAsync() : null;

    /// <summary>The newest <paramref name="limit"/> events of the customer's timeline, newest first.</summary>
    public async Task<IReadOnlyList<EventEnvelope>> TimelineAsync(string id, int limit, CancellationToken cancellationToken = default) =>
        CustomerFields.IsValidId(id) ? await log.ReadStreamBackwardAsync(id, long.MaxValue, limit, cancellationToken) : [];

    /// <summary>The customer's opportunities.</summary>
    public async Task<IReadOnlyList<OpportunityRow>> OpportunitiesOfAsync(string customerId, CancellationToken cancellationToken = default) =>
        (await opportunities.ListAsync(new OpportunityListQuery(null, null, customerId, null, 100), cancellationToken)).Items;

    /// <summary>True when <paramref name="person"/> may run commands on customers (the API's write policy).</summary>
    public async Task<bool> MayChangeAsync(ClaimsPrincipal person) =>
        (await authorization.AuthorizeAsync(person, CrmPolicies.Write)).Succeeded;

    /// <summary>Adds a tag to a customer on behalf of <paramref name="person"/>; refused unless the write policy allows them.</summary>
    public async Task<ConsoleOutcome> AddTagAsync(ClaimsPrincipal person, string customerId, string tag)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!await MayChangeAsync(person))
        {
            return ConsoleOutcome.Forbidden;
        }

        var actor = $"person:{person.FindFirstValue(ClaimTypes.NameIdentifier)}";
        var result = await commands.ExecuteAsync(customerId, new ChangeTags([tag.Trim()], null), new CommandContext(actor, null, null));
        return result.Status switch
        {
            CommandStatus.Accepted or CommandStatus.Replayed or CommandStatus.Unchanged => ConsoleOutcome.Done,
            CommandStatus.NotFound => ConsoleOutcome.NotFound,
            _ => ConsoleOutcome.Refused,
        };
    }
}
