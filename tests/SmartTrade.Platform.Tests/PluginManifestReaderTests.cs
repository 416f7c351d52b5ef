using System.Text.Json.Nodes;
using Semver;
using SmartTrade.Platform.Plugins;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Platform.Tests;

/// <summary>What <c>plugin.json</c> must say for a plugin to be accepted, and why it is refused otherwise.</summary>
public sealed class PluginManifestReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A manifest that follows every rule; each test breaks one of them.</summary>
    private static JsonObject ValidManifestJson() => new()
    {
        ["id"] = "mould-market",
        ["names"] = new JsonObject { ["zh-CN"] = "模具市场", ["en"] = "Mould market" },
        ["description"] = new JsonObject { ["zh-CN"] = "模具交易", ["en"] = "Trading moulds" },
        ["version"] = "1.2.0",
        ["sdk"] = "^1.0.0",
        ["entryAssembly"] = "Acme.MouldMarket.dll",
        ["dependencies"] = new JsonArray(
            new JsonObject { ["id"] = "warehouse-receipts", ["version"] = ">=1.0.0 <2.0.0" },
            new JsonObject { ["id"] = "market-data", ["version"] = "^2.1.0" }),
    };

    private string WriteManifest(string text)
    {
        File.WriteAllText(Path.Combine(_temp.Path, PluginManifest.FileName), text);
        return _temp.Path;
    }

    private string WriteManifest(JsonObject json) => WriteManifest(json.ToJsonString());

    private string RefusalOf(JsonObject json)
    {
        var ok = PluginManifestReader.TryRead(WriteManifest(json), out var manifest, out var error);
        Assert.False(ok);
        Assert.Null(manifest);
        Assert.NotNull(error);
        return error;
    }

    private static JsonObject With(string property, JsonNode? value)
    {
        var json = ValidManifestJson();
        json[property] = value;
        return json;
    }

    [Fact]
    public void A_valid_manifest_is_read_with_every_field_and_its_versions_parsed()
    {
        var folder = WriteManifest(ValidManifestJson());

        Assert.True(PluginManifestReader.TryRead(folder, out var manifest, out var error), error);
        Assert.Null(error);
        Assert.NotNull(manifest);
        Assert.Equal("mould-market", manifest.Id);
        Assert.Equal("mould-market", manifest.Manifest.Id);
        Assert.Equal("模具市场", manifest.Manifest.Names["zh-CN"]);
        Assert.Equal("Mould market", manifest.Manifest.Names["en"]);
        Assert.Equal("Trading moulds", manifest.Manifest.Description!["en"]);
        Assert.Equal("1.2.0", manifest.Manifest.Version);
        Assert.Equal(new SemVersion(1, 2, 0), manifest.Version);
        Assert.Equal("^1.0.0", manifest.Manifest.Sdk);
        Assert.True(manifest.SdkRange.Contains(new SemVersion(1, 9, 0)));
        Assert.False(manifest.SdkRange.Contains(new SemVersion(2, 0, 0)));
        Assert.Equal("Acme.MouldMarket.dll", manifest.Manifest.EntryAssembly);
        Assert.Equal(Path.GetFullPath(folder), manifest.Folder);
        Assert.Equal(Path.Combine(Path.GetFullPath(folder), "Acme.MouldMarket.dll"), manifest.EntryAssemblyPath);
    }

    [Fact]
    public void Dependencies_are_read_in_order_with_their_ranges_parsed()
    {
        Assert.True(PluginManifestReader.TryRead(WriteManifest(ValidManifestJson()), out var manifest, out var error), error);

        Assert.Collection(
            manifest!.Dependencies,
            receipts =>
            {
                Assert.Equal("warehouse-receipts", receipts.Id);
                Assert.True(receipts.Range.Contains(new SemVersion(1, 0, 0)));
                Assert.True(receipts.Range.Contains(new SemVersion(1, 99, 0)));
                Assert.False(receipts.Range.Contains(new SemVersion(2, 0, 0)));
            },
            marketData =>
            {
                Assert.Equal("market-data", marketData.Id);
                Assert.True(marketData.Range.Contains(new SemVersion(2, 1, 0)));
                Assert.False(marketData.Range.Contains(new SemVersion(2, 0, 9)));
            });
    }

    [Fact]
    public void A_manifest_without_dependencies_has_none()
    {
        var json = ValidManifestJson();
        json.Remove("dependencies");

        Assert.True(PluginManifestReader.TryRead(WriteManifest(json), out var manifest, out var error), error);
        Assert.Empty(manifest!.Dependencies);
    }

    [Fact]
    public void Property_names_are_matched_regardless_of_case_and_comments_and_trailing_commas_are_allowed()
    {
        var folder = WriteManifest("""
            {
              // the plugin's id
              "ID": "mould-market",
              "Names": { "zh-CN": "模具市场", "en": "Mould market" },
              "Version": "1.2.0",
              "SDK": "^1.0.0",
              "EntryAssembly": "Acme.MouldMarket.dll",
            }
            """);

        Assert.True(PluginManifestReader.TryRead(folder, out var manifest, out var error), error);
        Assert.Equal("mould-market", manifest!.Id);
    }

    [Fact]
    public void A_prerelease_version_is_accepted()
    {
        Assert.True(PluginManifestReader.TryRead(WriteManifest(With("version", "2.0.0-beta.1")), out var manifest, out var error), error);

        Assert.Equal(SemVersion.ParsedFrom(2, 0, 0, "beta.1"), manifest!.Version);
        Assert.True(manifest.Version.IsPrerelease);
    }

    [Fact]
    public void A_caret_sdk_range_contains_later_minor_versions_but_not_the_next_major()
    {
        Assert.True(PluginManifestReader.TryRead(WriteManifest(With("sdk", "^1.0.0")), out var manifest, out var error), error);

        Assert.True(manifest!.SdkRange.Contains(SemVersion.Parse("1.4.2")));
        Assert.False(manifest.SdkRange.Contains(SemVersion.Parse("2.0.0")));
        Assert.False(manifest.SdkRange.Contains(SemVersion.Parse("0.9.0")));
    }

    [Fact]
    public void A_folder_without_plugin_json_is_refused_as_missing()
    {
        Assert.False(PluginManifestReader.TryRead(_temp.Path, out var manifest, out var error));

        Assert.Null(manifest);
        Assert.Contains("missing", error);
    }

    [Fact]
    public void Malformed_json_is_refused_as_not_valid()
    {
        Assert.False(PluginManifestReader.TryRead(WriteManifest("{ \"id\": \"mould-market\", "), out var manifest, out var error));

        Assert.Null(manifest);
        Assert.Contains("not valid", error);
    }

    [Fact]
    public void A_manifest_without_a_required_property_is_refused_as_not_valid()
    {
        var json = ValidManifestJson();
        json.Remove("entryAssembly");

        Assert.Contains("not valid", RefusalOf(json));
    }

    [Fact]
    public void A_json_null_manifest_is_refused_as_empty()
    {
        Assert.False(PluginManifestReader.TryRead(WriteManifest("null"), out _, out var error));

        Assert.Contains("empty", error);
    }

    [Theory]
    [InlineData("Mould-market")]
    [InlineData("1mould")]
    [InlineData("-mould")]
    [InlineData("m")]
    [InlineData("mould_market")]
    [InlineData("mould market")]
    [InlineData("")]
    public void An_id_that_is_not_2_to_64_lower_case_letters_digits_and_hyphens_starting_with_a_letter_is_refused(string id)
    {
        var error = RefusalOf(With("id", id));

        Assert.Contains("id", error);
        Assert.Contains("invalid", error);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("a-1")]
    public void An_id_of_allowed_characters_is_accepted(string id)
    {
        Assert.True(PluginManifestReader.TryRead(WriteManifest(With("id", id)), out var manifest, out var error), error);
        Assert.Equal(id, manifest!.Id);
    }

    [Fact]
    public void An_id_of_65_characters_is_refused_as_too_long()
    {
        var error = RefusalOf(With("id", "a" + new string('b', 64)));

        Assert.Contains("2-64", error);
    }

    [Fact]
    public void An_id_of_exactly_64_characters_is_accepted()
    {
        var id = "a" + new string('b', 63);

        Assert.True(PluginManifestReader.TryRead(WriteManifest(With("id", id)), out var manifest, out var error), error);
        Assert.Equal(id, manifest!.Id);
    }

    [Fact]
    public void An_id_ending_in_a_newline_is_refused()
    {
        var error = RefusalOf(With("id", "mould-market\n"));

        Assert.Contains("invalid", error);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void Names_without_both_chinese_and_english_are_refused(string missingCulture)
    {
        var names = new JsonObject { ["zh-CN"] = "模具市场", ["en"] = "Mould market" };
        names.Remove(missingCulture);

        var error = RefusalOf(With("names", names));

        Assert.Contains("names", error);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("v1.0.0")]
    [InlineData("1.0.0.0")]
    [InlineData("01.0.0")]
    [InlineData("")]
    public void A_version_that_is_not_strict_semver_is_refused(string version)
    {
        var error = RefusalOf(With("version", version));

        Assert.Contains("version", error);
        Assert.Contains("semantic", error);
    }

    [Theory]
    [InlineData("one point oh")]
    [InlineData("^1.0.0 ||| 2")]
    [InlineData("1.0.0.0")]
    [InlineData("=>1.0.0")]
    [InlineData("")]
    [InlineData("   ")]
    public void An_sdk_range_that_does_not_parse_or_is_empty_is_refused(string sdk)
    {
        var error = RefusalOf(With("sdk", sdk));

        Assert.Contains("sdk range", error);
    }

    [Theory]
    [InlineData("../x.dll")]
    [InlineData("sub/x.dll")]
    [InlineData("/x.dll")]
    [InlineData("x.exe")]
    [InlineData("x")]
    [InlineData("")]
    public void An_entry_assembly_that_is_not_a_dll_file_name_in_the_plugin_folder_is_refused(string entryAssembly)
    {
        var error = RefusalOf(With("entryAssembly", entryAssembly));

        Assert.Contains("entryAssembly", error);
    }

    [Fact]
    public void An_entry_assembly_with_an_upper_case_dll_extension_is_accepted()
    {
        Assert.True(PluginManifestReader.TryRead(WriteManifest(With("entryAssembly", "Acme.MouldMarket.DLL")), out _, out var error), error);
    }

    [Fact]
    public void A_plugin_that_depends_on_itself_is_refused()
    {
        var error = RefusalOf(With("dependencies", new JsonArray(new JsonObject { ["id"] = "mould-market", ["version"] = "^1.0.0" })));

        Assert.Contains("itself", error);
    }

    [Theory]
    [InlineData("Warehouse-Receipts")]
    [InlineData("warehouse_receipts")]
    [InlineData("9receipts")]
    [InlineData("")]
    public void A_dependency_with_an_invalid_id_is_refused(string dependencyId)
    {
        var error = RefusalOf(With("dependencies", new JsonArray(new JsonObject { ["id"] = dependencyId, ["version"] = "^1.0.0" })));

        Assert.Contains("dependency id", error);
    }

    [Fact]
    public void A_null_dependency_is_refused()
    {
        var error = RefusalOf(With("dependencies", new JsonArray((JsonNode?)null)));

        Assert.Contains("dependency id", error);
    }

    [Theory]
    [InlineData("latest please")]
    [InlineData("1.0.0.0")]
    [InlineData("=>1.0.0")]
    public void A_dependency_with_an_invalid_range_is_refused(string range)
    {
        var error = RefusalOf(With("dependencies", new JsonArray(new JsonObject { ["id"] = "warehouse-receipts", ["version"] = range })));

        Assert.Contains("warehouse-receipts", error);
        Assert.Contains("range", error);
    }
}
