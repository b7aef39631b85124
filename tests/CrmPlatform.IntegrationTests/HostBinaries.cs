namespace CrmPlatform.IntegrationTests;

/// <summary>Finds the host's build output: the same configuration as this test assembly, next to the solution.</summary>
internal static class HostBinaries
{
    private const string SolutionFile = "CrmPlatform.sln";

    /// <summary>The path of <c>CrmPlatform.Host.dll</c>.</summary>
    public static string HostDll()
    {
        // …/tests/CrmPlatform.IntegrationTests/bin/<Configuration>/net10.0/
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testOutput.Name;
        var configuration = testOutput.Parent?.Name
            ?? throw new InvalidOperationException($"Cannot tell the build configuration from '{testOutput.FullName}'.");
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, SolutionFile)))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"No {SolutionFile} above '{testOutput.FullName}'.");
        }

        var dll = Path.Combine(root.FullName, "host", "CrmPlatform.Host", "bin", configuration, framework, "CrmPlatform.Host.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The host is not built at '{dll}'; build the solution ({configuration}).", dll);
    }
}
