using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace SmartTrade.Platform.Hosting;

/// <summary>MediatR 5 has no DI package: this registers an assembly's handlers by reflection.</summary>
public static class MediatorRegistration
{
    /// <summary>
    /// Registers every concrete class of <paramref name="assembly"/> that implements
    /// <see cref="INotificationHandler{TNotification}"/> or a request handler, as transient, under each such interface.
    /// </summary>
    /// <param name="services">The service collection (the host's or a plugin's).</param>
    /// <param name="assembly">The assembly to scan.</param>
    public static IServiceCollection AddMediatorHandlersFrom(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            if (type is not { IsClass: true, IsAbstract: false } || type.IsGenericTypeDefinition)
            {
                continue;
            }

            foreach (var contract in type.GetInterfaces())
            {
                if (!contract.IsGenericType)
                {
                    continue;
                }

                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(INotificationHandler<>)
                    || definition == typeof(IRequestHandler<,>)
                    || definition == typeof(IRequestHandler<>))
                {
                    services.AddTransient(contract, type);
                }
            }
        }

        return services;
    }
}
