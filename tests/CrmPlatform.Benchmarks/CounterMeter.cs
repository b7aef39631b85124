using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CrmPlatform.Benchmarks;

/// <summary>
/// Listens to the Counter test plugin's meter (<c>CrmPlatform.TestPlugins.Counter</c>; the plugin
/// runs in its own load context in this process, the meter types are the runtime's): events handled
/// per plugin id and, while <see cref="Collect"/> is on, each event's latency from its recording in
/// the log to its handler.
/// </summary>
internal sealed class CounterMeter : IDisposable
{
    private const string MeterName = "CrmPlatform.TestPlugins.Counter";
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, StrongBox> _handled = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<double> _latencies = new();
    private volatile string? _collecting;

    public CounterMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => _handled.GetOrAdd(PluginOf(tags), _ => new StrongBox()).Add(value));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            if (_collecting is { } id && PluginOf(tags) == id)
            {
                _latencies.Enqueue(value);
            }
        });
        _listener.Start();
    }

    /// <summary>Events the plugin has handled so far (batches included once each).</summary>
    public long Handled(string pluginId) => _handled.TryGetValue(pluginId, out var box) ? box.Value : 0;

    /// <summary>Starts collecting the latencies of <paramref name="pluginId"/> (forgetting earlier ones); null stops.</summary>
    public void Collect(string? pluginId)
    {
        if (pluginId is not null)
        {
            _latencies.Clear();
        }

        _collecting = pluginId;
    }

    /// <summary>The latencies collected, in milliseconds.</summary>
    public double[] Latencies() => [.. _latencies];

    /// <summary>Waits until <paramref name="pluginId"/> has handled <paramref name="count"/> events; false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForAsync(string pluginId, long count, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Handled(pluginId) < count)
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(2);
        }

        return true;
    }

    public void Dispose() => _listener.Dispose();

    private static string PluginOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "plugin")
            {
                return tag.Value as string ?? "";
            }
        }

        return "";
    }

    private sealed class StrongBox
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add(long value) => Interlocked.Add(ref _value, value);
    }
}
