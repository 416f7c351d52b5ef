using System.Text.Json;
using System.Text.RegularExpressions;
using Semver;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Platform.Plugins;

/// <summary>A manifest that was read and checked, with its versions parsed.</summary>
/// <param name="Manifest">The manifest as written.</param>
/// <param name="Version">The parsed plugin version.</param>
/// <param name="SdkRange">The parsed SDK range.</param>
/// <param name="Dependencies">The dependencies with parsed ranges.</param>
/// <param name="Folder">The folder holding the manifest and the plugin's assemblies.</param>
public sealed record ValidManifest(
    PluginManifest Manifest,
    SemVersion Version,
    SemVersionRange SdkRange,
    IReadOnlyList<(string Id, SemVersionRange Range)> Dependencies,
    string Folder)
{
    /// <summary>The plugin's id.</summary>
    public string Id => Manifest.Id;

    /// <summary>The full path of the entry assembly.</summary>
    public string EntryAssemblyPath => Path.Combine(Folder, Manifest.EntryAssembly);
}

/// <summary>Reads <c>plugin.json</c> and checks every rule a manifest must follow.</summary>
public static partial class PluginManifestReader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads the manifest in a plugin folder.</summary>
    /// <param name="folder">The plugin folder.</param>
    /// <param name="manifest">The checked manifest when the result is <see langword="true"/>.</param>
    /// <param name="error">Why the manifest was refused when the result is <see langword="false"/>.</param>
    public static bool TryRead(string folder, out ValidManifest? manifest, out string? error)
    {
        manifest = null;
        var path = Path.Combine(folder, PluginManifest.FileName);
        if (!File.Exists(path))
        {
            error = $"{PluginManifest.FileName} is missing.";
            return false;
        }

        PluginManifest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            error = $"{PluginManifest.FileName} is not valid: {ex.Message}";
            return false;
        }

        if (parsed is null)
        {
            error = $"{PluginManifest.FileName} is empty.";
            return false;
        }

        return TryValidate(parsed, folder, out manifest, out error);
    }

    /// <summary>Checks a parsed manifest.</summary>
    /// <param name="parsed">The manifest.</param>
    /// <param name="folder">The folder it came from.</param>
    /// <param name="manifest">The checked manifest when valid.</param>
    /// <param name="error">The first rule broken, when not.</param>
    public static bool TryValidate(PluginManifest parsed, string folder, out ValidManifest? manifest, out string? error)
    {
        manifest = null;
        if (string.IsNullOrEmpty(parsed.Id) || !IdPattern().IsMatch(parsed.Id))
        {
            error = $"Plugin id '{parsed.Id}' is invalid: use 2-64 lower-case letters, digits and hyphens, starting with a letter.";
            return false;
        }

        if (parsed.Names is null || !parsed.Names.Has(LocalizedText.DefaultCulture) || !parsed.Names.Has(LocalizedText.English))
        {
            error = "names must give both zh-CN and en.";
            return false;
        }

        if (!SemVersion.TryParse(parsed.Version ?? string.Empty, SemVersionStyles.Strict, out var version))
        {
            error = $"version '{parsed.Version}' is not a semantic version such as 1.2.0.";
            return false;
        }

        if (string.IsNullOrWhiteSpace(parsed.Sdk) || !SemVersionRange.TryParseNpm(parsed.Sdk, out var sdkRange))
        {
            error = $"sdk range '{parsed.Sdk}' is not a valid version range such as ^1.0.0.";
            return false;
        }

        var entry = parsed.EntryAssembly ?? string.Empty;
        if (entry.Length == 0 || entry != Path.GetFileName(entry) || !entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            error = $"entryAssembly '{entry}' must be a .dll file name in the plugin folder.";
            return false;
        }

        var dependencies = new List<(string, SemVersionRange)>();
        foreach (var dependency in parsed.Dependencies ?? [])
        {
            if (dependency is null || !IdPattern().IsMatch(dependency.Id ?? string.Empty))
            {
                error = $"dependency id '{dependency?.Id}' is invalid.";
                return false;
            }

            if (dependency.Id == parsed.Id)
            {
                error = "a plugin cannot depend on itself.";
                return false;
            }

            if (!SemVersionRange.TryParseNpm(dependency.Version ?? string.Empty, out var range))
            {
                error = $"dependency '{dependency.Id}' has an invalid version range '{dependency.Version}'.";
                return false;
            }

            dependencies.Add((dependency.Id!, range));
        }

        error = null;
        manifest = new ValidManifest(parsed, version, sdkRange, dependencies, Path.GetFullPath(folder));
        return true;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9-]{1,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
