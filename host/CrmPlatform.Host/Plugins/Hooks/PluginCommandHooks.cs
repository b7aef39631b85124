using CrmPlatform.Grains.Hooks;
using CrmPlatform.Host.Plugins.Crm;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Hooks;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Plugins.Hooks;

/// <summary>
/// Runs the active plugins' command hooks for a customer grain, plugin by plugin in id order, each
/// hook inside its plugin's sandbox under the hook budget. A hook that throws, overruns or belongs
/// to a suspended plugin counts as its <see cref="HookFailure"/> says. The first veto wins.
/// </summary>
public sealed partial class PluginCommandHooks(PluginRegistry registry, IOptions<PluginRuntimeOptions> options, ILogger<PluginCommandHooks> logger) : ICommandHookRunner
{
    /// <inheritdoc />
    public bool Wants(IReadOnlyList<ICustomerEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var hooked = registry.HookedEvents;
        if (hooked.Count == 0)
        {
            return false;
        }

        foreach (var e in events)
        {
            if (hooked.Contains(e.GetType()))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public async Task<HookVerdict> RunAsync(HookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var before = request.Before is { } view ? CustomerSnapshots.From(view) : null;
        var tags = new List<string>();
        var insights = new List<(string, HookInsight)>();
        foreach (var slot in registry.Slots.Where(s => s.IsActive && s.Current!.HookedEvents.Any(t => request.Events.Any(e => e.GetType() == t))))
        {
            var plugin = slot.Current;
            if (plugin is null || !plugin.TryAcquire())
            {
                continue;
            }

            try
            {
                var scope = plugin.CreateScope();
                await using (scope.ConfigureAwait(false))
                {
                    foreach (var call in plugin.HookCalls(scope, request.CustomerId, before, request.Events, request.Actor))
                    {
                        HookDecision decision;
                        try
                        {
                            decision = await slot.Sandbox.RunAsync(
                                $"hook {call.HookName}", async ct => await call.RunAsync(ct), options.Value.HookTimeout, cancellationToken);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                        {
                            LogHookFailed(logger, ex, slot.Id, call.HookName, request.CustomerId, call.OnFailure);
                            if (call.OnFailure == HookFailure.Veto)
                            {
                                return new HookVerdict($"Plugin '{slot.Id}' could not check the command ({ex.Message}); its hook {call.HookName} refuses commands it cannot check.", [], []);
                            }

                            continue;
                        }

                        if (decision.IsVeto)
                        {
                            return new HookVerdict($"Plugin '{slot.Id}': {decision.VetoReason}", [], []);
                        }

                        tags.AddRange(decision.Tags);
                        insights.AddRange(decision.Insights.Select(i => (slot.Id, i)));
                    }
                }
            }
            finally
            {
                plugin.Release();
            }
        }

        return tags.Count == 0 && insights.Count == 0 ? HookVerdict.Allow : new HookVerdict(null, tags, insights);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId}: hook {Hook} failed for customer {CustomerId}; treated as {OnFailure}")]
    private static partial void LogHookFailed(ILogger logger, Exception exception, string pluginId, string hook, string customerId, HookFailure onFailure);
}
