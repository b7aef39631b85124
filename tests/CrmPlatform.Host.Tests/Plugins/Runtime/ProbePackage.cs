using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>
/// Builds plugin packages at test time from the probe plugin's build output (copied to
/// <c>TestPlugins/Probe/</c>): the same assembly under a rewritten manifest makes as many distinct
/// plugins and versions as a test needs.
/// </summary>
internal static class ProbePackage
{
    public const string EntryAssembly = "CrmPlatform.TestPlugins.Probe.dll";

    /// <summary>The event types the probe's handlers take; a manifest must subscribe to all of them.</summary>
    public static readonly string[] HandledEvents =
    [
        "crm.customer.registered.v1",
        "crm.customer.order-placed.v1",
        "crm.customer.tags-changed.v1",
        "crm.customer.interaction-recorded.v1",
        "crm.customer.stage-changed.v1",
    ];

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "TestPlugins", "Probe");

    /// <summary>A fresh plugin id, unique to one test (ids name the probe's output files too).</summary>
    public static string NewId(string purpose) => $"probe-{purpose}-{Guid.NewGuid().ToString("N")[..12]}";

    /// <summary>The probe as plugin <paramref name="id"/> <paramref name="version"/>; <paramref name="edit"/> changes the manifest further, <paramref name="include"/> drops files.</summary>
    public static byte[] Build(string id, string version = "1.0.0", Action<JsonObject>? edit = null, Func<string, bool>? include = null) =>
        Zip(Entries(id, version, edit, include));

    /// <summary>The entries <see cref="Build"/> zips.</summary>
    public static IEnumerable<(string Name, byte[] Content)> Entries(string id, string version = "1.0.0", Action<JsonObject>? edit = null, Func<string, bool>? include = null)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "plugin.json")))!.AsObject();
        manifest["id"] = id;
        manifest["version"] = version;
        edit?.Invoke(manifest);
        var entries = Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Folder, path).Replace('\\', '/'))
            .Where(name => name != "plugin.json" && (include?.Invoke(name) ?? true))
            .Select(name => (name, File.ReadAllBytes(Path.Combine(Folder, name))))
            .Append(("plugin.json", Encoding.UTF8.GetBytes(manifest.ToJsonString())));
        return [.. entries];
    }

    /// <summary>A zip of exactly these entries.</summary>
    public static byte[] Zip(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The probe's files with <paramref name="manifestText"/> (any text) as its plugin.json.</summary>
    public static byte[] WithManifestText(string manifestText) =>
        Zip(Directory.EnumerateFiles(Folder)
            .Where(path => Path.GetFileName(path) != "plugin.json")
            .Select(path => (Path.GetFileName(path), File.ReadAllBytes(path)))
            .Append(("plugin.json", Encoding.UTF8.GetBytes(manifestText))));
}
