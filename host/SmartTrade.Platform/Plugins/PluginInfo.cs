using System.Text.Json.Serialization;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Platform.Plugins;

/// <summary>What the admin API shows of a plugin.</summary>
public sealed record PluginInfo
{
    /// <summary>The plugin's id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Display names (zh-CN, en), when the manifest could be read.</summary>
    [JsonPropertyName("names")]
    public LocalizedText? Names { get; init; }

    /// <summary>The display name in the request's culture.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The version of the manifest chosen, when it could be read.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>Enabled, Disabled, Incompatible or Faulted.</summary>
    [JsonPropertyName("state")]
    public required PluginState State { get; init; }

    /// <summary>Why the plugin is Incompatible or Faulted.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>Where the version came from: <c>bundled</c> with the host or <c>uploaded</c>.</summary>
    [JsonPropertyName("source")]
    public required string Source { get; init; }

    /// <summary>The SDK range the plugin supports.</summary>
    [JsonPropertyName("sdk")]
    public string? Sdk { get; init; }

    /// <summary>The plugin's dependencies as <c>id range</c>.</summary>
    [JsonPropertyName("dependencies")]
    public IReadOnlyList<string> Dependencies { get; init; } = [];
}

/// <summary>A plugin's details: its info plus what its load context holds.</summary>
public sealed record PluginDetails
{
    /// <summary>The summary.</summary>
    [JsonPropertyName("plugin")]
    public required PluginInfo Plugin { get; init; }

    /// <summary>The assemblies in the plugin's own load context (its private dependencies), as <c>name version</c>.</summary>
    [JsonPropertyName("privateAssemblies")]
    public IReadOnlyList<string> PrivateAssemblies { get; init; } = [];

    /// <summary>The routes the plugin serves, as <c>METHOD pattern</c>.</summary>
    [JsonPropertyName("endpoints")]
    public IReadOnlyList<string> Endpoints { get; init; } = [];
}

/// <summary>The outcome of an admin operation on plugins.</summary>
/// <param name="Succeeded">Whether it did what was asked.</param>
/// <param name="StatusCode">The HTTP status to answer with.</param>
/// <param name="Error">Why not, when it did not.</param>
/// <param name="Plugin">The plugin as it stands afterwards.</param>
public sealed record PluginOperationResult(bool Succeeded, int StatusCode, string? Error, PluginInfo? Plugin)
{
    internal static PluginOperationResult Ok(PluginInfo plugin, int status = 200) => new(true, status, null, plugin);

    internal static PluginOperationResult Fail(int status, string error, PluginInfo? plugin = null) => new(false, status, error, plugin);
}
