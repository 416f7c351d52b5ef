using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Plugins.AgriMarket.Demo;
using SmartTrade.Plugins.AgriMarket.Market;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Plugins.AgriMarket;

/// <summary>The Yuyao farm-produce plugin (余姚农产品). It declares the produce market; the host serves its schema.</summary>
public sealed class AgriMarketPlugin : ITradePlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddMarket(AgriMarketDescriptor.Create());
        services.AddSingleton<IDemoCatalog, AgriDemoCatalog>();
    }
}
