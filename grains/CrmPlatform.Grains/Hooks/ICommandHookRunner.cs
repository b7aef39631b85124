using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Hooks;

/// <summary>
/// The port through which a customer grain lets plugins' command hooks see a command's events
/// before they are written. The host's plugin runtime implements it; without plugins it is
/// <see cref="NoCommandHooks"/>.
/// </summary>
public interface ICommandHookRunner
{
    /// <summary>True when some hook wants to see a command that writes <paramref name="events"/>: a cheap check made on every command.</summary>
    bool Wants(IReadOnlyList<ICustomerEvent> events);

    /// <summary>Runs the hooks that want the command, each within its time budget, and combines their decisions.</summary>
    Task<HookVerdict> RunAsync(HookRequest request, CancellationToken cancellationToken = default);
}
