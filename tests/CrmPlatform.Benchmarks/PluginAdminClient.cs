using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmPlatform.Benchmarks;

/// <summary>Installs and removes the Counter test plugin through the platform's API (copied to <c>test-plugins/counter/</c> at build).</summary>
internal sealed class PluginAdminClient(PlatformHost host) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.BaseAddress, DefaultRequestHeaders = { { "X-Api-Key", host.AdminKey } } };

    /// <summary>Installs the Counter as <paramref name="id"/> in count-only mode.</summary>
    public async Task InstallCounterAsync(string id)
    {
        using var content = new ByteArrayContent(Package(id));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var installed = await _http.PostAsync(new Uri("api/plugins", UriKind.Relative), content);
        await EnsureAsync(installed, "install");
        using var settings = await _http.PutAsync(new Uri($"api/plugins/{id}/settings", UriKind.Relative), JsonContent.Create(new { mode = "count" }, options: JsonSerializerOptions.Web));
        await EnsureAsync(settings, "settings");
    }

    public async Task UninstallAsync(string id)
    {
        using var response = await _http.DeleteAsync(new Uri($"api/plugins/{id}", UriKind.Relative));
        await EnsureAsync(response, "uninstall");
    }

    public void Dispose() => _http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Plugin {what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static byte[] Package(string id)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "test-plugins", "counter");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                using var target = zip.CreateEntry(Path.GetFileName(file), CompressionLevel.Fastest).Open();
                if (Path.GetFileName(file) == "plugin.json")
                {
                    var manifest = JsonNode.Parse(File.ReadAllText(file))!;
                    manifest["id"] = id;
                    using var writer = new StreamWriter(target);
                    writer.Write(manifest.ToJsonString());
                }
                else
                {
                    using var source = File.OpenRead(file);
                    source.CopyTo(target);
                }
            }
        }

        return buffer.ToArray();
    }
}
