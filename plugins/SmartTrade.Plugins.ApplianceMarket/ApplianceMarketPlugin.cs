using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Plugins.ApplianceMarket.Demo;
using SmartTrade.Plugins.ApplianceMarket.Market;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Plugins.ApplianceMarket;

/// <summary>The small-appliance market plugin (小家电市场). It declares the appliance market; the host serves its schema.</summary>
public sealed class ApplianceMarketPlugin : ITradePlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddMarket(ApplianceMarketDescriptor.Create());
        services.AddSingleton<IDemoCatalog, ApplianceDemoCatalog>();
    }
}
