using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Hooks;

/// <summary>The hook runner of a platform without plugins: nothing wants to see any command.</summary>
public sealed class NoCommandHooks : ICommandHookRunner
{
    /// <inheritdoc />
    public bool Wants(IReadOnlyList<ICustomerEvent> events) => false;

    /// <inheritdoc />
    public Task<HookVerdict> RunAsync(HookRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(HookVerdict.Allow);
}
