using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Samples.MouldMarket.Market;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Samples.MouldMarket;

/// <summary>
/// The Yuyao mould market (余姚模具市场), a sample third-party plugin built against the SDK alone:
/// it declares a market and serves a bulk-listing template generated from that market's attributes.
/// </summary>
public sealed class MouldMarketPlugin : ITradePlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddMarket(MouldMarketDescriptor.Create());
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMouldImportTemplate();
    }
}
