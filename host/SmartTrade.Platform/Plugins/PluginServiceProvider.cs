using Microsoft.Extensions.DependencyInjection;

namespace SmartTrade.Platform.Plugins;

/// <summary>
/// Holds the host scope a plugin scope is paired with. A scope the plugin creates by itself (background work on a
/// timer) is paired with none: it gets a host scope of its own when it first needs a scoped host service, disposed
/// with it.
/// </summary>
internal sealed class HostScope : IAsyncDisposable, IDisposable
{
    private AsyncServiceScope? _owned;

    public IServiceProvider? Services { get; set; }

    /// <summary>The paired host scope, or one of its own made from <paramref name="hostRoot"/>.</summary>
    public IServiceProvider For(IServiceProvider hostRoot)
    {
        if (Services is null)
        {
            _owned = hostRoot.CreateAsyncScope();
            Services = _owned.Value.ServiceProvider;
        }

        return Services;
    }

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    // A plugin container disposed synchronously (a plugin that failed to start) disposes this too.
    public void Dispose() => _owned?.Dispose();
}

/// <summary>
/// A plugin's view of services: the plugin's own container first, then the host's. Endpoint construction and
/// request handling in a plugin use it, so a plugin endpoint can take both its own and the host's services.
/// </summary>
internal sealed class PluginServiceProvider(IServiceProvider plugin, IServiceProvider host)
    : IServiceProvider, ISupportRequiredService, IServiceProviderIsService, IKeyedServiceProvider
{
    public IServiceProvider Plugin { get; } = plugin;

    public IServiceProvider Host { get; } = host;

    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(IServiceProvider) || serviceType == typeof(IKeyedServiceProvider))
        {
            return this;
        }

        if (serviceType == typeof(IServiceProviderIsService))
        {
            return this;
        }

        if (IsEnumerable(serviceType))
        {
            // An enumerable from the plugin's container is never null; prefer it when it holds anything.
            var own = (System.Collections.IEnumerable?)Plugin.GetService(serviceType);
            if (own is not null && own.GetEnumerator().MoveNext())
            {
                return own;
            }

            return Host.GetService(serviceType) ?? own;
        }

        return Plugin.GetService(serviceType) ?? Host.GetService(serviceType);
    }

    public object GetRequiredService(Type serviceType)
        => GetService(serviceType) ?? throw new InvalidOperationException($"No service for type '{serviceType}' has been registered in the plugin or the host.");

    public bool IsService(Type serviceType)
        => IsServiceIn(Plugin, serviceType) || IsServiceIn(Host, serviceType);

    public object? GetKeyedService(Type serviceType, object? serviceKey)
        => (Plugin as IKeyedServiceProvider)?.GetKeyedService(serviceType, serviceKey)
           ?? (Host as IKeyedServiceProvider)?.GetKeyedService(serviceType, serviceKey);

    public object GetRequiredKeyedService(Type serviceType, object? serviceKey)
        => GetKeyedService(serviceType, serviceKey)
           ?? throw new InvalidOperationException($"No keyed service for type '{serviceType}' has been registered.");

    private static bool IsServiceIn(IServiceProvider provider, Type serviceType)
        => provider.GetService(typeof(IServiceProviderIsService)) is IServiceProviderIsService check && check.IsService(serviceType);

    private static bool IsEnumerable(Type type)
        => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>);
}

/// <summary>A per-use scope of a plugin, paired with a host scope; disposing it disposes both when it owns the host scope.</summary>
internal sealed class PluginScope : IAsyncDisposable
{
    private readonly AsyncServiceScope _pluginScope;
    private readonly AsyncServiceScope? _ownedHostScope;

    public PluginScope(IServiceProvider pluginRoot, IServiceProvider hostRoot, IServiceProvider? hostScope)
    {
        _pluginScope = pluginRoot.CreateAsyncScope();
        if (hostScope is null)
        {
            _ownedHostScope = hostRoot.CreateAsyncScope();
            hostScope = _ownedHostScope.Value.ServiceProvider;
        }

        _pluginScope.ServiceProvider.GetRequiredService<HostScope>().Services = hostScope;
        ServiceProvider = new PluginServiceProvider(_pluginScope.ServiceProvider, hostScope);
    }

    public PluginServiceProvider ServiceProvider { get; }

    public async ValueTask DisposeAsync()
    {
        await _pluginScope.DisposeAsync();
        if (_ownedHostScope is { } owned)
        {
            await owned.DisposeAsync();
        }
    }
}
