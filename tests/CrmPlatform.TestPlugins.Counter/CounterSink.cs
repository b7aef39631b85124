using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.TestPlugins.Counter;

/// <summary>
/// Records events: in <see cref="CounterMode.Lines"/> appends <c>eventId customerId sequence
/// recordedAt handledAt</c> lines to its file, each batch (or event) in one unbuffered write, so a
/// line is in the file whole or not at all once the call returns, even if the process is killed
/// right after; in <see cref="CounterMode.Count"/> it only counts. Both report the count and the
/// latency (handled − recorded) on the meter <see cref="MeterName"/>.
/// </summary>
internal sealed class CounterSink : IDisposable
{
    /// <summary>The meter in-process observers (the benchmark) listen to.</summary>
    public const string MeterName = "CrmPlatform.TestPlugins.Counter";

    private static readonly TimeSpan SettingsWait = TimeSpan.FromSeconds(5);
    private readonly IPluginSettings<CounterSettings> _settings;
    private readonly TimeProvider _time;
    private readonly string _pluginId;
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _handled;
    private readonly Histogram<double> _latency;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly Lock _gate = new();
    private FileStream? _file;
    private string? _fileDirectory;

    public CounterSink(IPluginSettings<CounterSettings> settings, TimeProvider time, PluginManifest manifest)
    {
        _settings = settings;
        _time = time;
        _pluginId = manifest.Id;
        _tag = new("plugin", _pluginId);
        _handled = _meter.CreateCounter<long>("counter.handled", "{event}");
        _latency = _meter.CreateHistogram<double>("counter.latency", "ms");
    }

    public async Task RecordAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(cancellationToken);
        if (settings.Mode == CounterMode.Count)
        {
            foreach (var e in events)
            {
                _latency.Record((_time.GetUtcNow() - e.RecordedAt).TotalMilliseconds, _tag);
            }

            _handled.Add(events.Count, _tag);
            return;
        }

        var text = new StringBuilder(events.Count * 120);
        foreach (var e in events)
        {
            var handledAt = _time.GetUtcNow();
            text.Append(e.EventId.ToString("N")).Append(' ').Append(e.CustomerId).Append(' ')
                .Append(e.Sequence.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(e.RecordedAt.ToString("O", CultureInfo.InvariantCulture)).Append(' ')
                .Append(handledAt.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
            if (settings.FlushPerEvent)
            {
                Write(settings.Directory!, text);
                text.Clear();
            }

            _latency.Record((handledAt - e.RecordedAt).TotalMilliseconds, _tag);
        }

        Write(settings.Directory!, text);
        _handled.Add(events.Count, _tag);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }

        _meter.Dispose();
    }

    private void Write(string directory, StringBuilder text)
    {
        if (text.Length == 0)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        lock (_gate)
        {
            if (_file is null || _fileDirectory != directory)
            {
                _file?.Dispose();
                System.IO.Directory.CreateDirectory(directory);
                var path = Path.Combine(directory, $"{_pluginId}.{Environment.ProcessId}.log");
                // Unbuffered: each Write is one write(2) of whole lines, appended at the end.
                _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
                _fileDirectory = directory;
            }

            _file.Write(bytes);
        }
    }

    /// <summary>The settings; the plugin is installed before they are set, so the first events wait for them a little.</summary>
    private async Task<CounterSettings> SettingsAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (_settings.Current is { Mode: CounterMode.Lines, Directory: null or "" })
        {
            if (_time.GetElapsedTime(started) > SettingsWait)
            {
                throw new InvalidOperationException("Counter: no Directory in the settings.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken);
        }

        return _settings.Current;
    }
}
