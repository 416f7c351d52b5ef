using System.IO.Compression;
using System.Text;
using SmartTrade.Platform.Plugins;

namespace SmartTrade.Platform.Tests;

/// <summary>How an uploaded plugin package is checked and extracted, and every way it is refused.</summary>
public sealed class PluginPackageTests : IDisposable
{
    private const string Manifest = """
        {
          "id": "mould-market",
          "names": { "zh-CN": "模具市场", "en": "Mould market" },
          "version": "1.2.0",
          "sdk": "^1.0.0",
          "entryAssembly": "Acme.MouldMarket.dll"
        }
        """;

    private static readonly PluginUploadLimits Generous = new(MaxEntries: 100, MaxExtractedBytes: 10 * 1024 * 1024);

    private readonly TempFolder _temp = new();
    private readonly string _installRoot;
    private readonly string _tempRoot;

    public PluginPackageTests()
    {
        _installRoot = _temp.Sub("plugins");
        _tempRoot = _temp.Sub("tmp");
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>A zip built in memory from (entry name, content) pairs; a null content makes a folder entry.</summary>
    private static MemoryStream Zip(params (string Name, string? Content)[] entries)
        => Zip(entries.Select(e => (e.Name, e.Content, (int?)null)).ToArray());

    private static MemoryStream Zip(params (string Name, string? Content, int? ExternalAttributes)[] entries)
    {
        var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, attributes) in entries)
            {
                var entry = archive.CreateEntry(name);
                if (attributes is { } value)
                {
                    entry.ExternalAttributes = value;
                }

                if (content is not null)
                {
                    using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                    writer.Write(content);
                }
            }
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>A package that is valid on its own, plus <paramref name="extra"/>.</summary>
    private static MemoryStream ValidPackageWith(string extraName, string? extraContent = "x")
        => Zip(("plugin.json", Manifest), ("Acme.MouldMarket.dll", "not really an assembly"), (extraName, extraContent));

    private (string? Folder, string? Error) Extract(Stream package, PluginUploadLimits? limits = null)
        => PluginPackage.Extract(package, _installRoot, _tempRoot, limits ?? Generous);

    private void AssertRefused((string? Folder, string? Error) result, string reasonWord)
    {
        Assert.Null(result.Folder);
        Assert.NotNull(result.Error);
        Assert.Contains(reasonWord, result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_installRoot));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tempRoot));
        Assert.False(File.Exists(Path.Combine(_temp.Path, "evil.dll")));
    }

    private void AssertInstalledMouldMarket(string? folder)
    {
        Assert.NotNull(folder);
        Assert.Equal(Path.Combine(_installRoot, "mould-market"), Path.GetDirectoryName(folder));
        Assert.Matches(@"^1\.2\.0-[0-9a-f]{32}$", Path.GetFileName(folder));
        Assert.Equal(Manifest, File.ReadAllText(Path.Combine(folder, "plugin.json")));
        Assert.Equal("not really an assembly", File.ReadAllText(Path.Combine(folder, "Acme.MouldMarket.dll")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tempRoot));
    }

    [Fact]
    public void A_valid_package_with_its_files_at_the_zip_root_is_extracted_to_a_fresh_folder_under_the_plugins_id_named_for_its_version()
    {
        using var package = Zip(("plugin.json", Manifest), ("Acme.MouldMarket.dll", "not really an assembly"), ("lib/Acme.Helpers.dll", "helpers"));

        var (folder, error) = Extract(package);

        Assert.Null(error);
        AssertInstalledMouldMarket(folder);
        Assert.Equal("helpers", File.ReadAllText(Path.Combine(folder!, "lib", "Acme.Helpers.dll")));
    }

    [Fact]
    public void A_valid_package_with_its_files_in_one_top_folder_is_extracted_from_that_folder()
    {
        using var package = Zip(
            ("mould-market-1.2.0/", null),
            ("mould-market-1.2.0/plugin.json", Manifest),
            ("mould-market-1.2.0/Acme.MouldMarket.dll", "not really an assembly"));

        var (folder, error) = Extract(package);

        Assert.Null(error);
        AssertInstalledMouldMarket(folder);
        Assert.False(Directory.Exists(Path.Combine(folder!, "mould-market-1.2.0")));
    }

    [Fact]
    public void A_package_with_backslash_separated_entry_names_is_extracted_into_folders()
    {
        using var package = Zip(("plugin.json", Manifest), ("Acme.MouldMarket.dll", "not really an assembly"), ("lib\\Acme.Helpers.dll", "helpers"));

        var (folder, error) = Extract(package);

        Assert.Null(error);
        Assert.Equal("helpers", File.ReadAllText(Path.Combine(folder!, "lib", "Acme.Helpers.dll")));
    }

    [Fact]
    public void Bytes_that_are_not_a_zip_are_refused()
    {
        var random = new byte[4096];
        new Random(20261128).NextBytes(random);

        AssertRefused(Extract(new MemoryStream(random)), "not a zip");
    }

    [Fact]
    public void An_empty_stream_is_refused_as_not_a_zip()
    {
        AssertRefused(Extract(new MemoryStream()), "not a zip");
    }

    [Fact]
    public void A_zip_without_entries_is_refused_as_empty()
    {
        AssertRefused(Extract(Zip(Array.Empty<(string, string?)>())), "empty");
    }

    [Theory]
    [InlineData("../evil.dll")]
    [InlineData("..\\evil.dll")]
    [InlineData("/etc/evil")]
    [InlineData("\\evil.dll")]
    [InlineData("a/../../evil")]
    [InlineData("a/../evil.dll")]
    [InlineData("C:/evil.dll")]
    [InlineData("C:evil.dll")]
    public void An_entry_with_an_absolute_or_parent_relative_path_is_refused(string entryName)
    {
        AssertRefused(Extract(ValidPackageWith(entryName)), "path");
    }

    [Fact]
    public void An_entry_that_resolves_to_the_extraction_folder_itself_is_refused()
    {
        AssertRefused(Extract(ValidPackageWith(".")), "outside");
    }

    [Fact]
    public void A_unix_symbolic_link_entry_is_refused()
    {
        using var package = Zip(
            ("plugin.json", Manifest, null),
            ("Acme.MouldMarket.dll", "not really an assembly", null),
            ("link.dll", "/etc/passwd", 0xA1FF << 16));

        AssertRefused(Extract(package), "symbolic link");
    }

    [Fact]
    public void A_package_with_more_entries_than_allowed_is_refused()
    {
        using var package = ValidPackageWith("readme.txt");

        AssertRefused(Extract(package, new PluginUploadLimits(MaxEntries: 2, MaxExtractedBytes: 1024 * 1024)), "entries");
    }

    [Fact]
    public void A_package_with_exactly_the_allowed_number_of_entries_is_accepted()
    {
        using var package = ValidPackageWith("readme.txt");

        var (folder, error) = Extract(package, new PluginUploadLimits(MaxEntries: 3, MaxExtractedBytes: 1024 * 1024));

        Assert.Null(error);
        AssertInstalledMouldMarket(folder);
    }

    [Fact]
    public void A_package_whose_declared_size_exceeds_the_limit_is_refused()
    {
        // Compresses to almost nothing, so only the declared (uncompressed) size can catch it.
        using var package = ValidPackageWith("padding.bin", new string('0', 64 * 1024));

        AssertRefused(Extract(package, new PluginUploadLimits(MaxEntries: 100, MaxExtractedBytes: 32 * 1024)), "beyond");
    }

    [Fact]
    public void A_package_without_plugin_json_is_refused()
    {
        using var package = Zip(("Acme.MouldMarket.dll", "not really an assembly"), ("readme.txt", "hello"));

        AssertRefused(Extract(package), "no plugin.json");
    }

    [Fact]
    public void A_package_with_plugin_json_only_below_two_top_folders_is_refused()
    {
        using var package = Zip(
            ("one/plugin.json", Manifest),
            ("one/Acme.MouldMarket.dll", "not really an assembly"),
            ("two/readme.txt", "hello"));

        AssertRefused(Extract(package), "no plugin.json");
    }

    [Fact]
    public void A_package_with_an_invalid_plugin_json_is_refused_with_the_manifest_reason()
    {
        using var package = Zip(("plugin.json", Manifest.Replace("mould-market", "Mould_Market", StringComparison.Ordinal)), ("Acme.MouldMarket.dll", "x"));

        var result = Extract(package);

        AssertRefused(result, "plugin.json is invalid");
        Assert.Contains("Mould_Market", result.Error);
    }

    [Fact]
    public void A_package_with_malformed_plugin_json_is_refused()
    {
        using var package = Zip(("plugin.json", "{ this is not json"), ("Acme.MouldMarket.dll", "x"));

        AssertRefused(Extract(package), "plugin.json is invalid");
    }

    [Fact]
    public void A_package_without_the_entry_assembly_its_manifest_names_is_refused()
    {
        using var package = Zip(("plugin.json", Manifest), ("Acme.Other.dll", "x"));

        AssertRefused(Extract(package), "entry assembly");
    }
}
