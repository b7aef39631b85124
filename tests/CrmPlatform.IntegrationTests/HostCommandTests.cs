using System.Diagnostics;
using CrmPlatform.Host.Hosting;

namespace CrmPlatform.IntegrationTests;

/// <summary>The host process refuses what it does not understand before it creates or binds anything.</summary>
public sealed class HostCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"crm-cmd-{Guid.NewGuid():N}");

    private string DataDirectory => Path.Combine(_root, "data");

    [Fact]
    public async Task Run_Help_PrintsUsageAndExitsZero()
    {
        var run = await RunAsync(["--help"]);

        Assert.Equal(CrmExitCodes.Success, run.ExitCode);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Contains("migrate", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Run_Version_PrintsTheVersionAndExitsZero()
    {
        var run = await RunAsync(["--version"]);

        Assert.Equal(CrmExitCodes.Success, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Out.Trim());
    }

    [Fact]
    public async Task Run_UnknownArgument_RefusesOnOneLineAndStartsNothing()
    {
        var run = await RunAsync(["--bogus", $"--Crm:DataDirectory={DataDirectory}"]);

        Assert.Equal(CrmExitCodes.UnknownSetting, run.ExitCode);
        AssertOneLine(run.Error, "--bogus");
        AssertStartedNothing(run);
    }

    [Fact]
    public async Task Run_MisspeltSettingInTheEnvironment_RefusesOnOneLineAndStartsNothing()
    {
        var run = await RunAsync([$"--Crm:DataDirectory={DataDirectory}"], ("Crm__Storage__Provder", "Postgres"));

        Assert.Equal(CrmExitCodes.UnknownSetting, run.ExitCode);
        AssertOneLine(run.Error, "Crm:Storage:Provder");
        AssertStartedNothing(run);
    }

    [Fact]
    public async Task Run_PostgresWithoutConnectionString_RefusesOnOneLineAndStartsNothing()
    {
        var run = await RunAsync([$"--Crm:DataDirectory={DataDirectory}", "--Crm:Storage:Provider=Postgres"]);

        Assert.Equal(CrmExitCodes.InvalidConfiguration, run.ExitCode);
        AssertOneLine(run.Error, "Crm:Storage:ConnectionString");
        AssertStartedNothing(run);
    }

    [Fact]
    public async Task Migrate_StatusThenMigrateThenStatus_ReportsPendingThenVersionsThenCurrent()
    {
        string[] settings = [$"--Crm:DataDirectory={DataDirectory}"];

        var pending = await RunAsync(["migrate", "--status", .. settings]);
        Assert.Equal(CrmExitCodes.MigrationsPending, pending.ExitCode);
        Assert.Contains("api-keys: 0, ", pending.Out, StringComparison.Ordinal);
        Assert.Contains(" pending", pending.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(DataDirectory, "platform.db")), "--status must not apply migrations.");

        var migrated = await RunAsync(["migrate", .. settings]);
        Assert.Equal(CrmExitCodes.Success, migrated.ExitCode);
        Assert.Contains("api-keys: 0 -> ", migrated.Out, StringComparison.Ordinal);

        var current = await RunAsync(["migrate", "--status", .. settings]);
        Assert.Equal(CrmExitCodes.Success, current.ExitCode);
        Assert.Contains("api-keys: ", current.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("pending", current.Out, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static void AssertOneLine(string error, string expected)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"Expected one line on standard error, got:\n{error}");
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    private void AssertStartedNothing(Run run)
    {
        Assert.False(Directory.Exists(DataDirectory), "The data directory was created.");
        Assert.DoesNotContain("Now listening", run.Out, StringComparison.Ordinal);
    }

    private static async Task<Run> RunAsync(string[] args, params (string Name, string Value)[] environment)
    {
        var hostDll = HostBinaries.HostDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Run(process.ExitCode, await output, await error);
    }

    private sealed record Run(int ExitCode, string Out, string Error);
}
