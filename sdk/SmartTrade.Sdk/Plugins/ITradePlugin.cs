using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SmartTrade.Sdk.Plugins;

/// <summary>
/// The entry point of a SmartTrade plugin. The host creates one instance of the type named by
/// <see cref="PluginManifest.EntryAssembly"/> that implements this interface, then calls, in order:
/// <see cref="ConfigureServices"/>, <see cref="InstallAsync"/> (first load of this version only),
/// <see cref="MapEndpoints"/> and <see cref="StartAsync"/>. When the plugin is disabled, upgraded or the host
/// stops, <see cref="StopAsync"/> is called once the plugin's in-flight requests have finished.
/// </summary>
/// <remarks>
/// An exception thrown from any of these members marks the plugin Faulted with that error; the host and the
/// other plugins keep running. Members other than <see cref="ConfigureServices"/> have default
/// implementations, so later SDK versions can add hooks without breaking existing plugins.
/// </remarks>
public interface ITradePlugin
{
    /// <summary>
    /// Registers the plugin's services in its own service collection. Services the host exposes to plugins
    /// (logging, configuration, <see cref="TimeProvider"/>, <c>MediatR.IMediator</c> and the SDK services)
    /// are already available; notification and request handlers in the plugin assembly are registered by the host.
    /// </summary>
    /// <param name="services">The plugin's private service collection.</param>
    /// <param name="context">What the host knows about this plugin: manifest, configuration, data directory.</param>
    void ConfigureServices(IServiceCollection services, PluginContext context);

    /// <summary>
    /// Maps the plugin's HTTP endpoints (minimal APIs). They are served while the plugin is enabled and removed,
    /// without a restart, when it is disabled. <see cref="IEndpointRouteBuilder.ServiceProvider"/> is the plugin's
    /// own service provider, and request services inside a handler resolve from a per-request plugin scope.
    /// </summary>
    /// <param name="endpoints">The route builder to map endpoints on.</param>
    void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <summary>
    /// Runs once for each new version of the plugin before it serves requests: on first install and on every
    /// upgrade. Apply database migrations and seed reference data here. Must be idempotent: a failed start
    /// may run it again.
    /// </summary>
    /// <param name="services">A scope of the plugin's service provider.</param>
    /// <param name="install">Whether this is a fresh install or an upgrade, and from which version.</param>
    /// <param name="cancellationToken">Cancelled when the host is stopping.</param>
    Task InstallAsync(IServiceProvider services, PluginInstallContext install, CancellationToken cancellationToken)
        => Task.CompletedTask;

    /// <summary>
    /// Called when the plugin becomes enabled (at host start, or when an administrator enables or upgrades it).
    /// Start background work here; it must stop in <see cref="StopAsync"/>.
    /// </summary>
    /// <param name="services">The plugin's root service provider.</param>
    /// <param name="cancellationToken">Cancelled when the host is stopping.</param>
    Task StartAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Called when the plugin is disabled, replaced by a new version, or the host stops, after the plugin's
    /// in-flight requests have completed.
    /// </summary>
    /// <param name="services">The plugin's root service provider.</param>
    /// <param name="cancellationToken">Cancelled when the host's shutdown timeout expires.</param>
    Task StopAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
