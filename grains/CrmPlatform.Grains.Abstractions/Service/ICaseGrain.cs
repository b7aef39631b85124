using CrmPlatform.Grains.Abstractions.Commands;
using Orleans.Concurrency;

namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>
/// One service case, keyed by case id: the single writer of its own stream, which its customer
/// owns (so it lands in that customer's partition). The <see cref="CommandResult.CustomerId"/> of
/// its results carries the case id.
/// </summary>
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>The case as it stands now, or null when none has this id.</summary>
    [AlwaysInterleave]
    Task<CaseView?> GetAsync();

    /// <summary>Runs one command on the case.</summary>
    Task<CommandResult> ExecuteAsync(CaseCommand command, CommandContext context);

    /// <summary>
    /// Records the SLA warnings and breaches that are due by now (by the silo's clock), once each;
    /// called by the due-index poller whether or not the case is in memory. Returns how many were recorded.
    /// </summary>
    Task<int> CheckSlaAsync();
}
