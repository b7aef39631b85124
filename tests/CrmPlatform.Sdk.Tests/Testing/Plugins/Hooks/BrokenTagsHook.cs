using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Hooks;

namespace CrmPlatform.Sdk.Tests.Testing.Plugins.Hooks;

/// <summary>Always throws; fails closed.</summary>
internal sealed class BrokenTagsHook : ICommandHook<TagsChanged>
{
    public HookFailure OnFailure => HookFailure.Veto;

    public ValueTask<HookDecision> BeforeWriteAsync(HookContext<TagsChanged> context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Tag service is down.");
}
