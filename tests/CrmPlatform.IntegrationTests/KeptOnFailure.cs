namespace CrmPlatform.IntegrationTests;

/// <summary>
/// How an integration test keeps its evidence: when it fails, it says where its data directory is
/// kept and writes the hosts' output to the test log; when it passes, the directory is deleted.
/// The hosts are stopped either way.
/// </summary>
internal static class KeptOnFailure
{
    public static async Task RunAsync(
        string dataDirectory, Action stopHosts, Func<string> hostOutput, Action<string> log, ITestOutputHelper output, Func<Task> test)
    {
        var passed = false;
        try
        {
            await test();
            passed = true;
        }
        catch (Exception ex)
        {
            log($"FAILED: {ex.GetType().Name}: {ex.Message}; data kept in {dataDirectory}");
            stopHosts();
            output.WriteLine(hostOutput());
            throw;
        }
        finally
        {
            stopHosts();
            if (passed)
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}
