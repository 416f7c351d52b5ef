using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Plugins.WarehouseReceipts.Demo;
using SmartTrade.Plugins.WarehouseReceipts.Market;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Plugins.WarehouseReceipts;

/// <summary>The plastics warehouse-receipt plugin (中塑仓单). It declares the receipt market; the host serves its schema.</summary>
public sealed class WarehouseReceiptsPlugin : ITradePlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddMarket(PlasticsReceiptMarketDescriptor.Create());
        services.AddSingleton<IDemoCatalog, ReceiptDemoCatalog>();
    }
}
