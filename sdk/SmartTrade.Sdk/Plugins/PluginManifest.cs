using System.Text.Json.Serialization;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Plugins;

/// <summary>
/// The content of a plugin's <c>plugin.json</c>, which sits beside the plugin's entry assembly.
/// </summary>
/// <example>
/// <code>
/// {
///   "id": "mould-market",
///   "names": { "zh-CN": "模具市场", "en": "Mould market" },
///   "version": "1.2.0",
///   "sdk": "^1.0.0",
///   "entryAssembly": "Acme.MouldMarket.dll",
///   "dependencies": [ { "id": "warehouse-receipts", "version": "&gt;=1.0.0 &lt;2.0.0" } ]
/// }
/// </code>
/// </example>
public sealed record PluginManifest
{
    /// <summary>The manifest's file name, <c>plugin.json</c>.</summary>
    public const string FileName = "plugin.json";

    /// <summary>
    /// The plugin's stable identifier: lower-case letters, digits and hyphens, 2 to 64 characters,
    /// starting with a letter. It names the plugin's routes, configuration section, tables and data folder.
    /// </summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Display names by culture; <c>zh-CN</c> and <c>en</c> are required.</summary>
    [JsonPropertyName("names")]
    public required LocalizedText Names { get; init; }

    /// <summary>Optional short description by culture.</summary>
    [JsonPropertyName("description")]
    public LocalizedText? Description { get; init; }

    /// <summary>The plugin's version, a Semantic Versioning 2.0 string such as <c>1.4.0</c>.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>
    /// The SDK versions the plugin supports, as an npm-style range such as <c>^1.0.0</c> or
    /// <c>&gt;=1.0.0 &lt;2.0.0</c>. A host whose SDK falls outside the range marks the plugin Incompatible.
    /// </summary>
    [JsonPropertyName("sdk")]
    public required string Sdk { get; init; }

    /// <summary>The file name of the assembly holding the <see cref="ITradePlugin"/> implementation.</summary>
    [JsonPropertyName("entryAssembly")]
    public required string EntryAssembly { get; init; }

    /// <summary>Other plugins this plugin needs, each with a version range. They load first.</summary>
    [JsonPropertyName("dependencies")]
    public IReadOnlyList<PluginDependency> Dependencies { get; init; } = [];
}

/// <summary>A dependency of one plugin on another.</summary>
/// <param name="Id">The identifier of the plugin depended on.</param>
/// <param name="Version">The versions accepted, as an npm-style range such as <c>^1.0.0</c>.</param>
public sealed record PluginDependency(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("version")] string Version);
