using CrmPlatform.Host.Plugins.Runtime;

namespace CrmPlatform.Host.Plugins.Subscriptions;

/// <summary>
/// Follows one partition of the event log for one plugin, from the plugin's durable checkpoint:
/// reads a batch, delivers it (in log order, so each customer's events stay in order), and moves
/// the checkpoint on. Delivery is at least once — the checkpoint is written after delivery, every
/// <see cref="PluginRuntimeOptions.CheckpointInterval"/> and when the pump stops. A failing event
/// is retried with backoff, then parked as a dead letter, and the pump goes on. While the plugin
/// is suspended or hung the pump waits without counting attempts.
/// </summary>
internal sealed partial class SubscriptionPump : PluginWorkerLoop
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private readonly PluginSlot _slot;
    private readonly int _partition;
    private readonly SubscriptionContext _context;
    private readonly EventDelivery _delivery;
    private long _position;
    private long _epoch;
    private bool _dirty;
    private long _lastFlush;
    private bool _stopped;

    public SubscriptionPump(PluginSlot slot, int partition, SubscriptionContext context)
    {
        _slot = slot;
        _partition = partition;
        _context = context;
        _delivery = new EventDelivery(slot, partition, context);
        Start();
    }

    protected override void OnStopFailed(Exception exception) => LogStopped(_context.Logger, exception, _slot.Id, _partition);

    protected override async Task RunAsync(CancellationToken ct)
    {
        await LoadCheckpointAsync(ct);
        var lastEpochCheck = _context.Time.GetTimestamp();
        try
        {
            while (!ct.IsCancellationRequested && !_stopped && !_slot.Removed && _slot.Installed is { Enabled: true })
            {
                if (_context.Time.GetElapsedTime(lastEpochCheck) >= IdleWait)
                {
                    lastEpochCheck = _context.Time.GetTimestamp();
                    if (!await CheckEpochAsync(ct))
                    {
                        break;
                    }
                }

                var head = await _context.Log.GetHeadPositionAsync(ct);
                var batch = await _context.Log.ReadAllAsync(_partition, _position, _context.Options.BatchSize, ct);
                if (batch.Count == 0)
                {
                    await FlushAsync(ct);
                    await _context.Log.WaitForAppendAsync(Math.Max(head, _position), IdleWait, ct);
                    continue;
                }

                if (!await _delivery.DeliverAsync(batch, ct))
                {
                    break;
                }

                _position = batch[^1].Position;
                _dirty = true;
                if (_context.Time.GetElapsedTime(_lastFlush) >= _context.Options.CheckpointInterval)
                {
                    await FlushAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            await FlushAsync(CancellationToken.None);
        }
    }

    private async Task LoadCheckpointAsync(CancellationToken ct)
    {
        _epoch = await _context.Store.ReadEpochAsync(_slot.Id, ct);
        _position = await _context.Store.ReadCheckpointAsync(_slot.Id, _partition, ct);
        _dirty = false;
        _lastFlush = _context.Time.GetTimestamp();
    }

    /// <summary>False when the plugin was uninstalled (another silo may have done it before this one noticed).</summary>
    private async Task<bool> CheckEpochAsync(CancellationToken ct)
    {
        if (await _context.Store.ReadEpochAsync(_slot.Id, ct) != _epoch)
        {
            return await ReloadAfterResetAsync(ct);
        }

        return true;
    }

    /// <summary>
    /// The epoch moved: a replay reset the checkpoints (start again from where it put them), or the
    /// plugin was uninstalled (stop: starting again from 0 would redeliver all history).
    /// </summary>
    private async Task<bool> ReloadAfterResetAsync(CancellationToken ct)
    {
        if (await _context.Catalog.FindAsync(_slot.Id, ct) is null)
        {
            _dirty = false;
            return false;
        }

        await LoadCheckpointAsync(ct);
        return true;
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        if (!_dirty || _slot.Removed)
        {
            return;
        }

        _lastFlush = _context.Time.GetTimestamp();
        if (await _context.Store.WriteCheckpointAsync(_slot.Id, _partition, _position, _epoch, ct))
        {
            _dirty = false;
        }
        else if (!await ReloadAfterResetAsync(ct))
        {
            _stopped = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId}: the subscription of partition {Partition} stopped with an error")]
    private static partial void LogStopped(ILogger logger, Exception exception, string pluginId, int partition);
}
