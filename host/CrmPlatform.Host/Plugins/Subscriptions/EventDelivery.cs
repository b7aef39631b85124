using CrmPlatform.Host.Plugins.Crm;
using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Plugins.Sandbox;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Plugins.Subscriptions;

/// <summary>
/// Delivers a batch of one partition to a plugin: each event to its per-event handlers, then the
/// whole batch to its batch handler. Each call runs in the plugin's sandbox; a failing call is
/// retried with exponential backoff and, after the last attempt, parked as a dead letter (a batch
/// is first split into single events, so only the failing ones are parked).
/// </summary>
internal sealed partial class EventDelivery(PluginSlot slot, int partition, SubscriptionContext context)
{
    private static readonly TimeSpan UnavailableWait = TimeSpan.FromMilliseconds(250);

    /// <summary>Delivers the batch; false when the plugin stopped running here before it was done.</summary>
    public async Task<bool> DeliverAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken ct)
    {
        foreach (var envelope in batch)
        {
            if (!await WithRetriesAsync([envelope], perEvent: true, ct))
            {
                return false;
            }
        }

        return await WithRetriesAsync(batch, perEvent: false, ct);
    }

    /// <summary>Delivers one parked event once more (a retry asked for through the API); the exception when it fails again.</summary>
    public async Task<Exception?> RedeliverAsync(EventEnvelope envelope, int attempt, CancellationToken ct)
    {
        LoadedPlugin? plugin;
        try
        {
            plugin = await slot.AcquireAsync(ct).WaitAsync(context.Options.DeliveryTimeout, context.Time, ct);
        }
        catch (TimeoutException)
        {
            plugin = null;
        }

        if (plugin is null)
        {
            return new PluginUnavailableException($"Plugin '{slot.Id}' is not running on this silo ({slot.Status.Name}).");
        }

        try
        {
            await slot.Sandbox.RunAsync(
                "dead-letter retry",
                async token =>
                {
                    await DeliverOneAsync(plugin, envelope, attempt, token);
                    if (plugin.HasBatchHandler)
                    {
                        await plugin.DeliverBatchAsync([envelope], CrmFor(plugin, envelope), attempt, token);
                    }
                },
                context.Options.DeliveryTimeout,
                ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return ex;
        }
        finally
        {
            plugin.Release();
        }
    }

    private async Task<bool> WithRetriesAsync(IReadOnlyList<EventEnvelope> events, bool perEvent, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var plugin = await slot.AcquireAsync(ct);
            if (plugin is null)
            {
                return false;
            }

            Exception failure;
            try
            {
                var wanted = events.Where(e => perEvent ? plugin.HandlesEach(e) : plugin.HasBatchHandler && plugin.Manifest.Subscribes(e.Type)).ToArray();
                if (wanted.Length == 0)
                {
                    return true;
                }

                await slot.Sandbox.RunAsync(
                    perEvent ? $"delivery of {wanted[0].Type}" : $"batch delivery of {wanted.Length} events",
                    token => perEvent
                        ? DeliverOneAsync(plugin, wanted[0], attempt, token)
                        : plugin.DeliverBatchAsync(wanted, BatchCrm(plugin, wanted), attempt, token),
                    perEvent ? context.Options.DeliveryTimeout : BatchBudget(wanted.Length),
                    ct);
                return true;
            }
            catch (PluginUnavailableException)
            {
                // Suspended or hung: wait for it without spending attempts.
                attempt--;
                await Task.Delay(UnavailableWait, context.Time, ct);
                continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failure = ex;
            }
            finally
            {
                plugin.Release();
            }

            if (attempt < context.Options.MaxAttempts)
            {
                await Task.Delay(Backoff(attempt), context.Time, ct);
                continue;
            }

            if (!perEvent && events.Count > 1)
            {
                // Find the failing events of the batch: each gets its own attempts.
                foreach (var envelope in events)
                {
                    if (!await WithRetriesAsync([envelope], perEvent: false, ct))
                    {
                        return false;
                    }
                }

                return true;
            }

            await ParkAsync(events[0], attempt, failure, ct);
            return true;
        }
    }

    /// <summary>One event to the plugin: a message of one of its channels is sent, then the per-event handlers run.</summary>
    private async Task DeliverOneAsync(LoadedPlugin plugin, EventEnvelope envelope, int attempt, CancellationToken token)
    {
        if (plugin.SendsOn(envelope))
        {
            await context.Channels.DeliverAsync(plugin, envelope, attempt, token);
        }

        await plugin.DeliverEachAsync(envelope, CrmFor(plugin, envelope), attempt, token);
    }

    /// <summary>A batch handler gets the delivery budget per 32 events: a handler that makes a call per event (webhooks) needs it.</summary>
    private TimeSpan BatchBudget(int events) => context.Options.DeliveryTimeout * Math.Max(1, Math.Ceiling(events / 32.0));

    private TimeSpan Backoff(int attempt)
    {
        var delay = context.Options.RetryBaseDelay * Math.Pow(2, attempt - 1);
        return delay < context.Options.RetryMaxDelay ? delay : context.Options.RetryMaxDelay;
    }

    private async Task ParkAsync(EventEnvelope envelope, int attempts, Exception failure, CancellationToken ct)
    {
        LogParked(context.Logger, failure, slot.Id, envelope.EventId, envelope.CustomerId, attempts);
        await context.Store.ParkAsync(
            new DeadLetter(
                slot.Id, envelope.EventId, envelope.Position, partition, envelope.CustomerId, envelope.Type, attempts,
                Describe(failure), context.Time.GetUtcNow()),
            ct);
    }

    /// <summary>A failure in words for people: the exception's type and message, and its cause's.</summary>
    public static string Describe(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var text = $"{failure.GetType().Name}: {failure.Message}";
        if (failure.InnerException is { } inner)
        {
            text += $" ({inner.GetType().Name}: {inner.Message})";
        }

        return text.Length <= 2_000 ? text : text[..2_000];
    }

    private PluginCrm CrmFor(LoadedPlugin plugin, EventEnvelope envelope) =>
        new(context.Grains, plugin.Manifest, $"plugin:{plugin.Id}:{envelope.EventId:N}", envelope.CorrelationId, context.Messages);

    private PluginCrm BatchCrm(LoadedPlugin plugin, EventEnvelope[] events) =>
        new(context.Grains, plugin.Manifest, $"plugin:{plugin.Id}:batch:{events[0].EventId:N}:{events[^1].EventId:N}", null, context.Messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId}: event {EventId} of customer {CustomerId} failed {Attempts} times and was parked as a dead letter")]
    private static partial void LogParked(ILogger logger, Exception exception, string pluginId, Guid eventId, string customerId, int attempts);
}
