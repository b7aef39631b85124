using System.IO.Compression;
using System.Text.Json.Nodes;

namespace CrmPlatform.IntegrationTests.Plugins;

/// <summary>
/// Packages of the test plugins (built by their projects and copied to <c>test-plugins/&lt;name&gt;/</c>
/// next to this assembly): the folder zipped with <c>plugin.json</c> at the root, its id rewritten so
/// that one plugin can be installed several times.
/// </summary>
internal static class TestPluginPackages
{
    /// <summary>The Counter plugin (<c>tests/CrmPlatform.TestPlugins.Counter</c>).</summary>
    public const string Counter = "counter";

    /// <summary>The Misbehaving plugin (<c>tests/CrmPlatform.TestPlugins.Misbehaving</c>).</summary>
    public const string Misbehaving = "misbehaving";

    /// <summary>Zips the plugin <paramref name="name"/> as plugin <paramref name="id"/>.</summary>
    public static byte[] Create(string name, string id)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "test-plugins", name);
        if (!File.Exists(Path.Combine(folder, "plugin.json")))
        {
            throw new FileNotFoundException($"The test plugin '{name}' is not built into '{folder}'; build the solution.");
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                var entry = zip.CreateEntry(Path.GetFileName(file), CompressionLevel.Fastest);
                using var target = entry.Open();
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
