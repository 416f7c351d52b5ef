using Acme.Freight.Quotes;
using Acme.Freight.Shipments;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Sdk.Plugins;

namespace Acme.Freight;

/// <summary>
/// The plugin's entry point. The host calls ConfigureServices, then InstallAsync (first load of a version), then
/// MapEndpoints and StartAsync; StopAsync when it is disabled, upgraded or the host stops.
/// </summary>
public sealed class AcmeFreightPlugin : ITradePlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddSingleton(FreightRates.From(context.Configuration));
        services.AddSingleton<ShipmentBook>();

        // SDK event handlers (INotificationHandler<T>) in this assembly are registered by the host.
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFreightQuotes();
        endpoints.MapShipments();
    }
}
