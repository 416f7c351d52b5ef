using Microsoft.Extensions.DependencyInjection;

namespace SmartTrade.Platform.Plugins;

/// <summary>
/// The host services a plugin's own services may take in their constructors. Singletons are handed over as
/// instances; scoped and transient services resolve from the host scope the plugin scope is paired with
/// (the current request, or a scope of its own for background work). A type the host registers several times (the
/// payment gateways) is handed over as each of them, so <c>GetServices</c> in the plugin sees them all.
/// </summary>
/// <remarks>
/// A scoped or transient service exposed here must not itself be disposable: the plugin scope would dispose it
/// while the host scope still uses it. Expose a non-disposable façade instead.
/// </remarks>
public sealed class HostServiceExposure
{
    private readonly List<Type> _types = [];
    private IServiceCollection? _hostServices;

    /// <summary>The exposed service types.</summary>
    public IReadOnlyList<Type> Types => _types;

    /// <summary>Adds a service type to expose.</summary>
    /// <param name="serviceType">A closed service type registered in the host.</param>
    public HostServiceExposure Expose(Type serviceType)
    {
        if (!_types.Contains(serviceType))
        {
            _types.Add(serviceType);
        }

        return this;
    }

    internal void Attach(IServiceCollection hostServices) => _hostServices = hostServices;

    /// <summary>How many registrations the host has of a service type (a plugin sees each, e.g. every payment gateway).</summary>
    internal int CountOf(Type serviceType)
        => _hostServices?.Count(d => d.ServiceType == serviceType && !d.IsKeyedService) ?? 0;

    internal ServiceLifetime? LifetimeOf(Type serviceType)
    {
        if (_hostServices is null)
        {
            return null;
        }

        ServiceLifetime? lifetime = null;
        foreach (var descriptor in _hostServices)
        {
            if (descriptor.ServiceType == serviceType && !descriptor.IsKeyedService)
            {
                lifetime = descriptor.Lifetime;
            }
        }

        return lifetime;
    }
}
