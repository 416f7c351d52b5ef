using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Plugins.WarehouseReceipts.Data;
using SmartTrade.Plugins.WarehouseReceipts.Demo;
using SmartTrade.Plugins.WarehouseReceipts.Market;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Sdk.Data;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Plugins.WarehouseReceipts;

/// <summary>
/// The plastics warehouse-receipt plugin (中塑仓单). It declares the receipt market and keeps the receipt registry
/// (warehouses, grades, instruments, load-ins, receipts, pledges and the hash-chained registry log) in its own tables.
/// </summary>
public sealed class WarehouseReceiptsPlugin : ITradePlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddMarket(PlasticsReceiptMarketDescriptor.Create());
        services.AddSingleton<IDemoCatalog, ReceiptDemoCatalog>();
        services.AddPluginDbContext<WarehouseReceiptsDbContext>();
        services.AddScoped<ReceiptRegistry>();
        services.AddScoped<IDemoDataSeeder, ReceiptDemoData>();
    }

    /// <summary>Applies the registry's migrations, which also seed its reference data (warehouses, grades, instruments).</summary>
    /// <inheritdoc />
    public Task InstallAsync(IServiceProvider services, PluginInstallContext install, CancellationToken cancellationToken)
        => services.MigratePluginDatabaseAsync<WarehouseReceiptsDbContext>(cancellationToken);

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReceiptRegistry();
    }
}
