using System.IO.Compression;

namespace SmartTrade.Platform.Plugins;

/// <summary>
/// Checks and extracts an uploaded plugin package (a zip whose root, or single top folder, holds plugin.json
/// and the plugin's assemblies). Refuses anything that is not a zip, has entries escaping the target folder
/// (<c>..</c>, absolute paths), is too large or has too many entries, or carries no plugin.json.
/// </summary>
internal static class PluginPackage
{
    /// <summary>Extracts <paramref name="package"/> into a new folder under <paramref name="installRoot"/>.</summary>
    /// <returns>The folder holding plugin.json, or an error.</returns>
    public static (string? Folder, string? Error) Extract(Stream package, string installRoot, string tempRoot, PluginUploadLimits limits)
    {
        var staging = Path.Combine(tempRoot, Guid.NewGuid().ToString("N"));
        try
        {
            ZipArchive archive;
            try
            {
                archive = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (Exception ex) when (ex is InvalidDataException or ArgumentOutOfRangeException)
            {
                // A file shorter than a zip's end record makes some upload streams refuse the seek instead.
                return (null, "The package is not a zip file.");
            }

            using (archive)
            {
                if (archive.Entries.Count == 0)
                {
                    return (null, "The package is empty.");
                }

                if (archive.Entries.Count > limits.MaxEntries)
                {
                    return (null, $"The package has {archive.Entries.Count} entries; at most {limits.MaxEntries} are allowed.");
                }

                var stagingFull = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
                long total = 0;
                foreach (var entry in archive.Entries)
                {
                    var name = entry.FullName.Replace('\\', '/');
                    if (name.Length == 0 || name.StartsWith('/') || Path.IsPathRooted(name) || name.Contains(':', StringComparison.Ordinal)
                        || name.Split('/').Any(part => part == ".."))
                    {
                        return (null, $"The package entry '{entry.FullName}' has an absolute or parent-relative path.");
                    }

                    var target = Path.GetFullPath(Path.Combine(staging, name));
                    if (!target.StartsWith(stagingFull, StringComparison.Ordinal))
                    {
                        return (null, $"The package entry '{entry.FullName}' would extract outside the plugin folder.");
                    }

                    // Unix symbolic links inside zips are refused outright.
                    if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
                    {
                        return (null, $"The package entry '{entry.FullName}' is a symbolic link.");
                    }

                    total += entry.Length;
                    if (entry.Length < 0 || total > limits.MaxExtractedBytes)
                    {
                        return (null, $"The package expands beyond {limits.MaxExtractedBytes} bytes.");
                    }
                }

                Directory.CreateDirectory(staging);
                long written = 0;
                foreach (var entry in archive.Entries)
                {
                    var target = Path.GetFullPath(Path.Combine(staging, entry.FullName.Replace('\\', '/')));
                    if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                    {
                        Directory.CreateDirectory(target);
                        continue;
                    }

                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    using var source = entry.Open();
                    using var destination = File.Create(target);
                    // Count what is actually written: a zip may lie about an entry's length.
                    var buffer = new byte[81920];
                    int read;
                    while ((read = source.Read(buffer)) > 0)
                    {
                        written += read;
                        if (written > limits.MaxExtractedBytes)
                        {
                            return (null, $"The package expands beyond {limits.MaxExtractedBytes} bytes.");
                        }

                        destination.Write(buffer, 0, read);
                    }
                }
            }

            var root = staging;
            if (!File.Exists(Path.Combine(root, Sdk.Plugins.PluginManifest.FileName)))
            {
                var folders = Directory.GetDirectories(staging);
                if (folders.Length == 1 && Directory.GetFiles(staging).Length == 0
                    && File.Exists(Path.Combine(folders[0], Sdk.Plugins.PluginManifest.FileName)))
                {
                    root = folders[0];
                }
                else
                {
                    return (null, "The package has no plugin.json at its root.");
                }
            }

            if (!PluginManifestReader.TryRead(root, out var manifest, out var error))
            {
                return (null, $"The package's plugin.json is invalid: {error}");
            }

            if (!File.Exists(manifest!.EntryAssemblyPath))
            {
                return (null, $"The package does not contain its entry assembly '{manifest.Manifest.EntryAssembly}'.");
            }

            var destinationFolder = Path.Combine(installRoot, manifest.Id, $"{manifest.Version}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Path.GetDirectoryName(destinationFolder)!);
            Directory.Move(root, destinationFolder);
            return (destinationFolder, null);
        }
        catch (InvalidDataException ex)
        {
            return (null, $"The package is a damaged zip file: {ex.Message}");
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}

/// <summary>Limits on an uploaded package.</summary>
/// <param name="MaxEntries">The most entries allowed.</param>
/// <param name="MaxExtractedBytes">The most bytes once extracted.</param>
internal readonly record struct PluginUploadLimits(int MaxEntries, long MaxExtractedBytes);
