using Orleans.Concurrency;
using CrmPlatform.Grains.Abstractions.Commands;

namespace CrmPlatform.Grains.Abstractions.Customers;

/// <summary>
/// One customer, keyed by customer id: the single writer of that customer's relationship. Every
/// command is validated against the customer's state, written to the event log and acknowledged
/// only once durable.
/// </summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>The customer as it stands now, or null when no customer has this id.</summary>
    [AlwaysInterleave]
    Task<CustomerView?> GetAsync();

    /// <summary>An outbound message of the customer, or null when none has this id.</summary>
    [AlwaysInterleave]
    Task<MessageView?> GetMessageAsync(string messageId);

    /// <summary>Runs one command on the customer.</summary>
    Task<CommandResult> ExecuteAsync(CustomerCommand command, CommandContext context);

    /// <summary>
    /// Applies the automatic lifecycle rules that depend on the passing of time (for example
    /// inactivity → Decline). Called by the rule scheduler for customers that are due.
    /// </summary>
    Task<CommandResult> ApplyDueRulesAsync();
}
