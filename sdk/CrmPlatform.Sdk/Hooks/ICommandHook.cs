using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Sdk.Hooks;

/// <summary>
/// Runs inside a command, after the platform has decided which events it causes and before they
/// are written: the hook may let them through, veto the command with a reason, or enrich it with
/// tags and insights written atomically with its events. Hooks run under a strict time budget
/// (250 ms by default) and must not call <see cref="Crm.ICrm"/>; a hook that throws or overruns is
/// treated as <see cref="OnFailure"/> says. Needs the <c>commands.hook</c> permission.
/// </summary>
/// <typeparam name="TEvent">The hook runs for commands that would write an event of this type.</typeparam>
public interface ICommandHook<TEvent>
    where TEvent : ICustomerEvent
{
    /// <summary>What happens to the command when this hook throws or runs out of time.</summary>
    HookFailure OnFailure => HookFailure.Allow;

    /// <summary>Looks at the command's events and decides.</summary>
    /// <param name="context">The customer before the command, the event that triggered the hook and all of the command's events.</param>
    /// <param name="cancellationToken">Signalled when the time budget runs out.</param>
    ValueTask<HookDecision> BeforeWriteAsync(HookContext<TEvent> context, CancellationToken cancellationToken);
}
