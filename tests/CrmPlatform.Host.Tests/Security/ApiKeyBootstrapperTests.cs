using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Security;

public sealed class ApiKeyBootstrapperTests : IDisposable
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public void Dispose() => CrmTestHost.TryDelete(_directory);

    [Fact]
    public async Task StartAsync_FirstStart_WritesAdminKeyReadableByOwnerOnly()
    {
        await using var host = await CrmTestHost.StartAsync(_directory);

        Assert.True(File.Exists(host.AdminKeyPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(host.AdminKeyPath));
        }

        Assert.Matches("^crm_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", host.AdminKey);
        var keys = await (await host.Admin.GetRouteAsync("api/keys")).ExpectAsync(HttpStatusCode.OK);
        var only = Assert.Single(keys.EnumerateArray());
        Assert.Equal("admin", only.GetProperty("role").GetString());
        Assert.Equal(host.AdminKey.Split('_')[1], only.GetProperty("id").GetString());
        await (await host.Admin.PostJsonAsync("api/keys", Http.Json(new { name = "made by bootstrap admin", role = "reader" }))).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task StartAsync_SecondStartOnSameDataDirectory_CreatesNoNewKey()
    {
        string firstKey;
        await using (var first = await CrmTestHost.StartAsync(_directory))
        {
            firstKey = first.AdminKey;
        }

        var written = File.GetLastWriteTimeUtc(Path.Combine(_directory, "admin.key"));

        await using var second = await CrmTestHost.StartAsync(_directory);

        Assert.Equal(firstKey, second.AdminKey);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.AdminKeyPath));
        var keys = await (await second.Admin.GetRouteAsync("api/keys")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(keys.EnumerateArray());
    }
}
