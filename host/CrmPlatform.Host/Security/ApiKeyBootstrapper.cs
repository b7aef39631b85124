using Microsoft.Extensions.Options;
using CrmPlatform.Host.Kernel;

namespace CrmPlatform.Host.Security;

/// <summary>
/// On the first start (no active key yet) creates an admin key, prints it once and writes it to
/// <c>admin.key</c> in the data directory, readable by the owner only.
/// </summary>
public sealed partial class ApiKeyBootstrapper(
    ApiKeyStore keys, IOptions<CrmHostOptions> options, ILogger<ApiKeyBootstrapper> logger) : IHostedService
{
    /// <summary>The file name of the first admin key.</summary>
    public const string KeyFileName = "admin.key";

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Atomic: on a restart, or when several silos start together, only one first key is made.
        if (await keys.CreateFirstAsync("bootstrap admin", ApiKeyRole.Admin, cancellationToken) is not { } created)
        {
            return;
        }

        var path = Path.Combine(options.Value.DataDirectory, KeyFileName);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(path, fileOptions))
        {
            await writer.WriteLineAsync(created.Key);
        }

        System.Console.WriteLine($"""

            CrmPlatform created an admin API key. It is shown once; a copy is in {path} (readable by you only):

                {created.Key}

            """);
        LogCreated(logger, created.Info.Id, path);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first admin API key {KeyId}; its secret is in {Path}")]
    private static partial void LogCreated(ILogger logger, string keyId, string path);
}
