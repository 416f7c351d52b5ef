using Microsoft.Extensions.Configuration;

namespace SmartTrade.Sdk.Plugins;

/// <summary>What the host tells a plugin about itself when it is configured.</summary>
public sealed class PluginContext
{
    /// <summary>Creates a plugin context. Hosts create these; plugins receive them.</summary>
    /// <param name="manifest">The plugin's manifest, read from its <c>plugin.json</c>.</param>
    /// <param name="configuration">The plugin's configuration section (<c>SmartTrade:Plugins:{id}</c>).</param>
    /// <param name="contentRoot">The folder the plugin was loaded from.</param>
    /// <param name="dataDirectory">A folder private to the plugin under the host's data directory.</param>
    /// <param name="hostConfiguration">The host's whole configuration, read-only by convention.</param>
    /// <param name="environmentName">The host environment, such as <c>Development</c> or <c>Production</c>.</param>
    public PluginContext(
        PluginManifest manifest,
        IConfiguration configuration,
        string contentRoot,
        string dataDirectory,
        IConfiguration hostConfiguration,
        string environmentName)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(hostConfiguration);
        ArgumentException.ThrowIfNullOrEmpty(contentRoot);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentException.ThrowIfNullOrEmpty(environmentName);
        Manifest = manifest;
        Configuration = configuration;
        ContentRoot = contentRoot;
        DataDirectory = dataDirectory;
        HostConfiguration = hostConfiguration;
        EnvironmentName = environmentName;
    }

    /// <summary>The plugin's manifest.</summary>
    public PluginManifest Manifest { get; }

    /// <summary>The plugin's own configuration section, <c>SmartTrade:Plugins:{id}</c>.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>The host's whole configuration (for connection strings and shared settings).</summary>
    public IConfiguration HostConfiguration { get; }

    /// <summary>The folder holding the plugin's assemblies and <c>plugin.json</c>. Treat it as read-only.</summary>
    public string ContentRoot { get; }

    /// <summary>A folder private to this plugin under the host's data directory; it survives upgrades.</summary>
    public string DataDirectory { get; }

    /// <summary>The host environment name.</summary>
    public string EnvironmentName { get; }

    /// <summary>Whether the host runs in the Development environment (demo data may be seeded).</summary>
    public bool IsDevelopment => string.Equals(EnvironmentName, "Development", StringComparison.OrdinalIgnoreCase);
}
