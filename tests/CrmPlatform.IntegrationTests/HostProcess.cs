using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CrmPlatform.IntegrationTests;

/// <summary>
/// One run of the platform's process (<c>dotnet CrmPlatform.Host.dll</c>) on a data directory, on
/// fresh ports. Its output is kept (the last lines) for failure reports; it is killed with SIGKILL.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private const int KeptLines = 400;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly Lock _outputLock = new();
    private int _lineCount;
    private bool _disposed;

    private HostProcess(string label, Process process, Uri baseAddress, string dataDirectory)
    {
        Label = label;
        DataDirectory = dataDirectory;
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>A name for reports, for example <c>run 2</c>.</summary>
    public string Label { get; }

    /// <summary>The data directory the host was started on.</summary>
    public string DataDirectory { get; }

    /// <summary>Where the REST API listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The operating system's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the host; the caller waits for readiness with <see cref="WaitUntilReadyAsync"/>.
    /// <paramref name="extraArguments"/> (configuration such as <c>--Crm:Storage:Provider=Postgres</c>) follow the defaults.
    /// </summary>
    public static HostProcess Start(string hostDll, string dataDirectory, string label, IEnumerable<string>? extraArguments = null)
    {
        var (httpPort, siloPort, gatewayPort) = FreePorts();
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the working directory: there the host finds its appsettings.json.
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[
            hostDll,
            $"--urls=http://127.0.0.1:{httpPort}",
            $"--Crm:DataDirectory={dataDirectory}",
            $"--Crm:SiloPort={siloPort}",
            $"--Crm:GatewayPort={gatewayPort}",
            "--Logging:Console:FormatterName=simple",
            "--Logging:Console:FormatterOptions:SingleLine=true",
            // Orleans' placement pipeline logs every call at Information: it would bury the host's own lines.
            "--Logging:LogLevel:Polly=Warning",

            // No test here uses the plugins shipped with the host; installing them at every start
            // slows start-up enough to skew where a cluster places its plugin workers.
            "--Crm:Plugins:BundledPlugins=none",
            .. extraArguments ?? []])
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var host = new HostProcess(label, process, new Uri($"http://127.0.0.1:{httpPort}/"), dataDirectory);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data, "out");
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data, "err");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails when the process ends or time runs out.</summary>
    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host ({Label}) exited with code {_process.ExitCode} before it was ready.");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The host ({Label}) was not ready after {timeout.TotalSeconds:0} s.");
            }

            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                using var response = await http.GetAsync(new Uri(BaseAddress, "health/ready"), attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>True once <see cref="Kill"/> was called.</summary>
    public bool WasKilled { get; private set; }

    /// <summary>Sends SIGKILL to the process (and its children) and waits until it is gone.</summary>
    public void Kill()
    {
        if (_disposed)
        {
            return;
        }

        WasKilled = true;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.WaitForExit(10_000);
    }

    /// <summary>The last lines the process wrote, oldest first.</summary>
    public string OutputTail()
    {
        lock (_outputLock)
        {
            var skipped = _lineCount - _output.Count;
            var header = $"----- host {Label} (pid {SafeId()}), {_lineCount} lines{(skipped > 0 ? $", first {skipped} not kept" : "")} -----";
            return string.Join(Environment.NewLine, [header, .. _output]);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _disposed = true;
        _process.Dispose();
    }

    private string SafeId()
    {
        try
        {
            return _process.Id.ToString();
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private void Keep(string? line, string stream)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _lineCount++;
            _output.Enqueue($"[{stream}] {line}");
            if (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>Three distinct free ports (held together while chosen, so none repeats).</summary>
    private static (int, int, int) FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            var ports = listeners.Select(l =>
            {
                l.Start();
                return ((IPEndPoint)l.LocalEndpoint).Port;
            }).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
