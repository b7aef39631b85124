using CrmPlatform.Grains.Hooks;
using CrmPlatform.Host.Plugins.Crm;
using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Plugins.Sandbox;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Hooks;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Plugins.Hooks;

/// <summary>
/// Runs the active plugins' command hooks for a customer grain, plugin by plugin in id order, each
/// hook inside its plugin's sandbox under the hook budget. A hook that throws, overruns or belongs
/// to a suspended plugin counts as its <see cref="HookFailure"/> says. The first veto wins.
/// </summary>
public sealed partial class PluginCommandHooks(PluginRegistry registry, IOptions<PluginRuntimeOptions> options, TimeProvider time, ILogger<PluginCommandHooks> logger) : ICommandHookRunner
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
        foreach (var slot in registry.Slots)
        {
            if (!slot.IsActive || slot.Current is not { } current || !current.HookedEvents.Any(t => request.Events.Any(e => e.GetType() == t)))
            {
                continue;
            }

            var verdict = await RunPluginAsync(slot, current.HooksFailClosed, request, before, cancellationToken);
            if (verdict.VetoReason is not null)
            {
                return verdict;
            }

            tags.AddRange(verdict.Tags);
            insights.AddRange(verdict.Insights);
        }

        return tags.Count == 0 && insights.Count == 0 ? HookVerdict.Allow : new HookVerdict(null, tags, insights);
    }

    /// <summary>
    /// Runs one plugin's hooks. Everything of the plugin's — resolving the hooks (their
    /// constructors), each hook, disposing them — runs in its sandbox under the hook budget, never
    /// on the grain's own turn. A plugin that cannot run its hooks now (a version swap, a suspension,
    /// a hook that cannot be created) counts as the failure its hooks declare.
    /// </summary>
    private async Task<HookVerdict> RunPluginAsync(PluginSlot slot, bool failsClosed, HookRequest request, CustomerSnapshot? before, CancellationToken cancellationToken)
    {
        var budget = options.Value.HookTimeout;
        LoadedPlugin? plugin;
        try
        {
            plugin = await slot.AcquireAsync(cancellationToken).WaitAsync(budget, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            plugin = null;
        }

        if (plugin is null)
        {
            return CannotCheck(slot.Id, failsClosed, "it is being replaced or stopped");
        }

        var scope = plugin.CreateScope();
        try
        {
            IReadOnlyList<HookCall> calls;
            try
            {
                calls = await slot.Sandbox.RunAsync(
                    "hook resolution", _ => Task.FromResult(plugin.HookCalls(scope, request.CustomerId, before, request.Events, request.Actor)), budget, cancellationToken, SandboxLane.Hook);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogHookFailed(logger, ex, slot.Id, "(resolution)", request.CustomerId, failsClosed ? HookFailure.Veto : HookFailure.Allow);
                return CannotCheck(slot.Id, failsClosed, ex.Message);
            }

            var tags = new List<string>();
            var insights = new List<(string, HookInsight)>();
            foreach (var call in calls)
            {
                HookDecision decision;
                try
                {
                    decision = await slot.Sandbox.RunAsync($"hook {call.HookName}", async ct => await call.RunAsync(ct), budget, cancellationToken, SandboxLane.Hook);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogHookFailed(logger, ex, slot.Id, call.HookName, request.CustomerId, call.OnFailure);
                    if (call.OnFailure == HookFailure.Veto)
                    {
                        return CannotCheck(slot.Id, failsClosed: true, $"{ex.Message}; its hook {call.HookName} refuses commands it cannot check");
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

            return new HookVerdict(null, tags, insights);
        }
        finally
        {
            await DisposeAsync(slot, scope, budget);
            plugin.Release();
        }
    }

    private async Task DisposeAsync(PluginSlot slot, AsyncServiceScope scope, TimeSpan budget)
    {
        try
        {
            await slot.Sandbox.RunAsync("hook disposal", async _ => await scope.DisposeAsync(), budget, CancellationToken.None, SandboxLane.Hook);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogHookFailed(logger, ex, slot.Id, "(disposal)", "-", HookFailure.Allow);
        }
    }

    private static HookVerdict CannotCheck(string pluginId, bool failsClosed, string why) =>
        failsClosed
            ? new HookVerdict($"Plugin '{pluginId}' could not check the command ({why}) and refuses commands it cannot check.", [], [])
            : HookVerdict.Allow;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId}: hook {Hook} failed for customer {CustomerId}; treated as {OnFailure}")]
    private static partial void LogHookFailed(ILogger logger, Exception exception, string pluginId, string hook, string customerId, HookFailure onFailure);
}
