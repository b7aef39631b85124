using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace CrmPlatform.Plugins.Email.Tests;

/// <summary>
/// A real SMTP server for one test: aiosmtpd (Debian's python3-aiosmtpd, which scripts/test.sh
/// installs) on a free loopback port, storing what it accepts in a Maildir of its own, with the
/// refusing handler of Smtp/crm_test_smtp.py. Starting it fails the test when it cannot run.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly StringBuilder _errors = new();
    private Process? _process;

    private readonly string _root;

    private SmtpTestServer(int port, string root)
    {
        Port = port;
        _root = root;

        // aiosmtpd's Maildir creates its tmp/new/cur folders only when the folder does not exist yet.
        MailDir = Path.Combine(root, "maildir");
    }

    /// <summary>The Python with aiosmtpd: <c>CRM_TEST_PYTHON</c>, or Debian's <c>/usr/bin/python3</c>.</summary>
    public static string Python => Environment.GetEnvironmentVariable("CRM_TEST_PYTHON") ?? "/usr/bin/python3";

    public int Port { get; }

    public string MailDir { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on a free port and waits until it answers.</summary>
    public static async Task<SmtpTestServer> StartAsync()
    {
        var server = new SmtpTestServer(FreePort(), Directory.CreateTempSubdirectory("crm-email-smtp-").FullName);
        await server.RestartAsync();
        return server;
    }

    /// <summary>A loopback port nothing listens on (for a server that is down).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>(Re)starts the server on the same port and Maildir.</summary>
    public async Task RestartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The SMTP server is already running.");
        }

        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "crm_test_smtp.RefusingMailbox", MailDir },
        };
        info.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Smtp");
        try
        {
            _process = Process.Start(info) ?? throw new InvalidOperationException($"{Python} did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"Cannot start the SMTP server: {Python} is missing. Install python3-aiosmtpd (scripts/test.sh does).", exception);
        }

        _process.ErrorDataReceived += (_, e) => { lock (_errors) { _errors.AppendLine(e.Data); } };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await WaitUntilListeningAsync();
    }

    /// <summary>Kills the server; the port is then closed.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message the server accepted, parsed from the Maildir, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var files = new[] { "new", "cur" }
            .Select(d => Path.Combine(MailDir, d))
            .Where(Directory.Exists)
            .SelectMany(Directory.GetFiles)
            .OrderBy(File.GetLastWriteTimeUtc)
            .ThenBy(f => f, StringComparer.Ordinal);
        return [.. files.Select(f => MimeMessage.Load(f))];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_root, recursive: true);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"The SMTP server exited with {_process.ExitCode}: {Errors()} Is python3-aiosmtpd installed for {Python}? (scripts/test.sh installs it.)");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                var banner = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
                if (banner?.StartsWith("220", StringComparison.Ordinal) == true)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is SocketException or IOException or TimeoutException)
            {
            }

            await Task.Delay(50);
        }

        await StopAsync();
        throw new InvalidOperationException($"The SMTP server did not answer on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s: {Errors()}");
    }

    private string Errors()
    {
        lock (_errors)
        {
            return _errors.ToString().Trim();
        }
    }
}
