using System.IO.Compression;
using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>
/// A plugin package: a zip holding <c>plugin.json</c> and the plugin's assemblies at its root (or
/// the same as a folder). Extraction refuses paths that leave the target folder and packages that
/// unpack to more than <see cref="MaxUnpackedBytes"/>.
/// </summary>
public static class PluginPackage
{
    /// <summary>The largest unpacked package accepted.</summary>
    public const long MaxUnpackedBytes = 256L * 1024 * 1024;

    /// <summary>The most files a package may hold.</summary>
    public const int MaxEntries = 4_000;

    /// <summary>Reads and checks the manifest inside a zip package without unpacking the rest.</summary>
    public static PluginManifest ReadManifest(byte[] zip) => ManifestReader.Read(ReadManifestJson(zip));

    /// <summary>The text of the manifest inside a zip package, unchecked.</summary>
    public static string ReadManifestJson(byte[] zip)
    {
        using var archive = Open(zip);
        var entry = archive.GetEntry(PluginManifest.FileName)
            ?? throw new PluginRefusedException($"The package has no {PluginManifest.FileName} at its root.");
        if (entry.Length > 1024 * 1024)
        {
            throw new PluginRefusedException($"{PluginManifest.FileName} is larger than 1 MiB.");
        }

        try
        {
            using var reader = new StreamReader(entry.Open());
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException)
        {
            throw new PluginRefusedException($"{PluginManifest.FileName} cannot be read from the package: {ex.Message}", ex);
        }
    }

    /// <summary>Unpacks a zip package into <paramref name="folder"/> (created; must not exist yet).</summary>
    public static void Extract(byte[] zip, string folder)
    {
        using var archive = Open(zip);
        if (archive.Entries.Count > MaxEntries)
        {
            throw new PluginRefusedException($"The package holds more than {MaxEntries} files.");
        }

        if (archive.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
        {
            throw new PluginRefusedException($"The package unpacks to more than {MaxUnpackedBytes / 1024 / 1024} MiB.");
        }

        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var targets = Targets(archive, root);
        Directory.CreateDirectory(root);
        foreach (var (entry, target, isFolder) in targets)
        {
            try
            {
                if (isFolder)
                {
                    Directory.CreateDirectory(target);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                entry.ExtractToFile(target, overwrite: false);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or UnauthorizedAccessException)
            {
                throw new PluginRefusedException($"The package entry '{entry.FullName}' cannot be unpacked (duplicate or damaged): {ex.Message}", ex);
            }
        }
    }

    /// <summary>
    /// Where each entry unpacks to, checked before anything is written: no name that leaves the
    /// package, no file named twice, and no name that is both a file and a folder (<c>x</c> beside <c>x/y</c>).
    /// </summary>
    private static List<(ZipArchiveEntry Entry, string Target, bool IsFolder)> Targets(ZipArchive archive, string root)
    {
        var targets = new List<(ZipArchiveEntry, string, bool)>(archive.Entries.Count);
        var files = new HashSet<string>(StringComparer.Ordinal);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            string target;
            try
            {
                target = Path.GetFullPath(Path.Combine(root, entry.FullName));
            }
            catch (ArgumentException ex)
            {
                throw new PluginRefusedException($"The package entry '{entry.FullName}' has an invalid name.", ex);
            }

            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                throw new PluginRefusedException($"The package entry '{entry.FullName}' points outside the package.");
            }

            var isFolder = entry.FullName.EndsWith('/');
            var path = target.TrimEnd(Path.DirectorySeparatorChar);
            if (isFolder)
            {
                folders.Add(path);
            }
            else if (!files.Add(path))
            {
                throw new PluginRefusedException($"The package holds '{entry.FullName}' twice.");
            }

            for (var parent = Path.GetDirectoryName(path); parent is not null && parent.Length >= root.Length; parent = Path.GetDirectoryName(parent))
            {
                folders.Add(parent);
            }

            targets.Add((entry, target, isFolder));
        }

        if (files.FirstOrDefault(folders.Contains) is { } clash)
        {
            throw new PluginRefusedException($"The package holds '{Path.GetRelativePath(root, clash).Replace('\\', '/')}' both as a file and as a folder.");
        }

        return targets;
    }

    /// <summary>Packs a plugin folder (for example a publish folder) into a zip package.</summary>
    public static byte[] FromFolder(string folder)
    {
        if (!File.Exists(Path.Combine(folder, PluginManifest.FileName)))
        {
            throw new PluginRefusedException($"The folder '{folder}' has no {PluginManifest.FileName}.");
        }

        using var buffer = new MemoryStream();
        ZipFile.CreateFromDirectory(folder, buffer, CompressionLevel.Fastest, includeBaseDirectory: false);
        return buffer.ToArray();
    }

    private static ZipArchive Open(byte[] zip)
    {
        try
        {
            return new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw new PluginRefusedException("The package is not a valid zip file.", ex);
        }
    }
}
