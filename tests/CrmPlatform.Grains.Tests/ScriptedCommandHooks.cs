using CrmPlatform.Grains.Hooks;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Tests;

/// <summary>A hook runner whose verdict a test sets; it records every request it saw.</summary>
public sealed class ScriptedCommandHooks : ICommandHookRunner
{
    private readonly Lock _gate = new();
    private readonly List<HookRequest> _requests = [];

    /// <summary>The event type hooks want to see; null: none (the default, so other tests see no hooks).</summary>
    public Type? WantedEvent { get; set; }

    public HookVerdict Verdict { get; set; } = HookVerdict.Allow;

    public IReadOnlyList<HookRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public bool Wants(IReadOnlyList<ICustomerEvent> events) => WantedEvent is { } wanted && events.Any(e => e.GetType() == wanted);

    public Task<HookVerdict> RunAsync(HookRequest request, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }

        return Task.FromResult(Verdict);
    }

    public void Reset()
    {
        WantedEvent = null;
        Verdict = HookVerdict.Allow;
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
