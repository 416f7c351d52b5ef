using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SmartTrade.Platform.Plugins;

/// <summary>The route builder a plugin maps its endpoints on; what it maps is collected, not served directly.</summary>
internal sealed class PluginRouteBuilder(IServiceProvider services) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider { get; } = services;

    public ICollection<EndpointDataSource> DataSources { get; } = new List<EndpointDataSource>();

    public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(ServiceProvider);
}

/// <summary>Metadata on every plugin endpoint: which plugin and version serves it.</summary>
/// <param name="PluginId">The plugin's id.</param>
/// <param name="Version">The plugin version that mapped the endpoint.</param>
public sealed record PluginEndpointMetadata(string PluginId, string Version);
