using CrmPlatform.Grains.Abstractions.Commands;
using Orleans.Concurrency;

namespace CrmPlatform.Grains.Abstractions.Sales;

/// <summary>
/// One sales opportunity, keyed by opportunity id: the single writer of its own stream, which is
/// owned by its account (customer) and so lands in that customer's partition. The
/// <see cref="CommandResult.CustomerId"/> of its results carries the opportunity id.
/// </summary>
public interface IOpportunityGrain : IGrainWithStringKey
{
    /// <summary>The opportunity as it stands now, or null when none has this id.</summary>
    [AlwaysInterleave]
    Task<OpportunityView?> GetAsync();

    /// <summary>Runs one command on the opportunity.</summary>
    Task<CommandResult> ExecuteAsync(OpportunityCommand command, CommandContext context);
}
