using System.Reflection;
using McMaster.NETCore.Plugins;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SmartTrade.Platform.Hosting;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Platform.Plugins;

/// <summary>
/// One loaded version of a plugin: its load context, entry instance, service provider and endpoints.
/// Requests and notifications take a lease on a generation; a retired generation stops once its leases drain.
/// </summary>
internal sealed class PluginGeneration
{
    // The host shares these assemblies (and what they reference) with every plugin, so the types a plugin
    // exchanges with the host are the same types; everything else a plugin carries stays private to it.
    private static readonly Type[] SharedTypes =
    [
        typeof(ITradePlugin),
        typeof(IMediator),
        typeof(IServiceCollection),
        typeof(IEndpointRouteBuilder),
        typeof(IApplicationBuilder),
        typeof(HttpContext),
        typeof(ILogger),
        typeof(IConfiguration),
        typeof(Microsoft.EntityFrameworkCore.DbContext),
        typeof(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions),
        typeof(SmartTrade.Sdk.Data.IPluginDatabase),
        typeof(Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy), // plugins' PostgreSQL migrations
    ];

    private int _leases;
    private volatile bool _retired;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PluginGeneration(ValidManifest manifest, PluginLoader loader, Assembly assembly, ITradePlugin entry, PluginContext context)
    {
        Manifest = manifest;
        Loader = loader;
        Assembly = assembly;
        Entry = entry;
        Context = context;
    }

    public ValidManifest Manifest { get; }

    public PluginLoader Loader { get; }

    public Assembly Assembly { get; }

    public ITradePlugin Entry { get; }

    public PluginContext Context { get; }

    public IServiceProvider Root { get; private set; } = null!;

    public IServiceProvider HostRoot { get; private set; } = null!;

    public PluginServiceProvider View { get; private set; } = null!;

    public IReadOnlyList<Endpoint> MappedEndpoints { get; private set; } = [];

    public string Id => Manifest.Id;

    public string Version => Manifest.Version.ToString();

    public bool IsRetired => _retired;

    /// <summary>Loads the entry assembly into a new load context and creates the plugin's entry instance.</summary>
    public static PluginGeneration Load(ValidManifest manifest, PluginContext context)
    {
        if (!File.Exists(manifest.EntryAssemblyPath))
        {
            throw new FileNotFoundException($"Entry assembly '{manifest.Manifest.EntryAssembly}' is not in the plugin folder.", manifest.EntryAssemblyPath);
        }

        var loader = PluginLoader.CreateFromAssemblyFile(
            manifest.EntryAssemblyPath,
            SharedTypes,
            config => config.PreferSharedTypes = false);
        var assembly = loader.LoadDefaultAssembly();
        var entryTypes = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITradePlugin).IsAssignableFrom(t))
            .ToList();
        if (entryTypes.Count != 1)
        {
            throw new InvalidOperationException(
                $"'{manifest.Manifest.EntryAssembly}' must contain exactly one public class implementing {nameof(ITradePlugin)}; found {entryTypes.Count}.");
        }

        var entry = (ITradePlugin)(Activator.CreateInstance(entryTypes[0])
            ?? throw new InvalidOperationException($"Could not create {entryTypes[0]}."));
        return new PluginGeneration(manifest, loader, assembly, entry, context);
    }

    /// <summary>Builds the plugin's container: exposed host services, MediatR, the plugin's handlers and its own services.</summary>
    public void ConfigureServices(IServiceProvider hostRoot, HostServiceExposure exposure)
    {
        HostRoot = hostRoot;
        var services = new ServiceCollection();
        foreach (var type in exposure.Types)
        {
            var count = exposure.CountOf(type);
            switch (exposure.LifetimeOf(type))
            {
                case ServiceLifetime.Singleton:
                    // Registered as instances, so the plugin's container never disposes a host singleton.
                    foreach (var instance in count > 1 ? hostRoot.GetServices(type) : [hostRoot.GetRequiredService(type)])
                    {
                        services.AddSingleton(type, instance!);
                    }

                    break;
                case ServiceLifetime.Scoped:
                case ServiceLifetime.Transient:
                    var serviceType = type;
                    if (count <= 1)
                    {
                        services.AddScoped(serviceType, sp => sp.GetRequiredService<HostScope>().For(hostRoot).GetRequiredService(serviceType));
                        break;
                    }

                    // Each of the host's registrations in its order, so the last one is also what a single resolve gives.
                    for (var i = 0; i < count; i++)
                    {
                        var index = i;
                        services.AddScoped(serviceType, sp => sp.GetRequiredService<HostScope>().For(hostRoot).GetServices(serviceType).ElementAt(index)!);
                    }

                    break;
            }
        }

        services.AddLogging();
        services.Replace(ServiceDescriptor.Singleton(hostRoot.GetRequiredService<ILoggerFactory>()));
        services.AddOptions();
        services.AddSingleton(Context);
        services.AddSingleton(Context.Manifest);
        services.AddSingleton(Context.Configuration);
        services.AddScoped<HostScope>();
        services.AddScoped<ServiceFactory>(sp =>
        {
            var hostScope = sp.GetRequiredService<HostScope>().Services ?? hostRoot;
            var view = new PluginServiceProvider(sp, hostScope);

            // Notifications go through the host, whose relay hands them to every enabled plugin (this one included);
            // the plugin's own requests are handled from its own container.
            return type => IsNotificationHandlers(type) ? hostScope.GetService(type) : view.GetService(type);
        });
        services.AddScoped<IMediator, Mediator>();
        services.AddMediatorHandlersFrom(Assembly);

        Entry.ConfigureServices(services, Context);

        Root = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = false });
        Root.GetRequiredService<HostScope>().Services = hostRoot;
        View = new PluginServiceProvider(Root, hostRoot);
    }

    /// <summary>Lets the plugin map its endpoints and wraps each one so it runs in a plugin scope under a lease.</summary>
    public void MapEndpoints(Func<PluginGeneration, RouteEndpoint, RequestDelegate> wrap)
    {
        var builder = new PluginRouteBuilder(View);
        Entry.MapEndpoints(builder);
        var endpoints = new List<Endpoint>();
        var metadata = new PluginEndpointMetadata(Id, Version);
        foreach (var source in builder.DataSources)
        {
            foreach (var endpoint in source.Endpoints)
            {
                if (endpoint is not RouteEndpoint route || route.RequestDelegate is null)
                {
                    continue;
                }

                var items = new List<object>(route.Metadata) { metadata };
                endpoints.Add(new RouteEndpoint(
                    wrap(this, route),
                    route.RoutePattern,
                    route.Order,
                    new EndpointMetadataCollection(items),
                    route.DisplayName));
            }
        }

        MappedEndpoints = endpoints;
    }

    public PluginScope CreateScope(IServiceProvider? hostScope) => new(Root, HostRoot, hostScope);

    /// <summary>
    /// Makes name-based assembly loading (Assembly.Load, Type.GetType, EF Core migrations) resolve in this plugin's
    /// load context for the current async flow, until disposed.
    /// </summary>
    public System.Runtime.Loader.AssemblyLoadContext.ContextualReflectionScope EnterContext() => Loader.EnterContextualReflection();

    public bool TryAcquire()
    {
        Interlocked.Increment(ref _leases);
        if (_retired)
        {
            Release();
            return false;
        }

        return true;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && _retired)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Stops new leases and completes when the ones taken have been released.</summary>
    public Task RetireAsync()
    {
        _retired = true;
        if (Volatile.Read(ref _leases) == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }

    public IReadOnlyList<AssemblyName> PrivateAssemblies()
        => System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(Assembly)?.Assemblies
               .Select(a => a.GetName())
               .OrderBy(a => a.Name, StringComparer.Ordinal)
               .ToList()
           ?? [];

    private static bool IsNotificationHandlers(Type type)
        => type.IsGenericType
           && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
           && type.GetGenericArguments()[0] is { IsGenericType: true } element
           && element.GetGenericTypeDefinition() == typeof(INotificationHandler<>);
}
