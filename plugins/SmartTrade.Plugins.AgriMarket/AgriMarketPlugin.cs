using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Plugins.AgriMarket.Batches;
using SmartTrade.Plugins.AgriMarket.Data;
using SmartTrade.Plugins.AgriMarket.Data.PostgreSql;
using SmartTrade.Plugins.AgriMarket.Demo;
using SmartTrade.Plugins.AgriMarket.Market;
using SmartTrade.Plugins.AgriMarket.Perishables;
using SmartTrade.Plugins.AgriMarket.Sales;
using SmartTrade.Plugins.AgriMarket.Screen;
using SmartTrade.Sdk.Data;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Plugins.AgriMarket;

/// <summary>
/// The Yuyao farm-produce plugin (余姚农产品): the produce market, harvest batches with trace codes, seasonal
/// pre-sales with delivery dates, withdrawal of perishables past their shelf life, and the public trace page.
/// </summary>
public sealed class AgriMarketPlugin : ITradePlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddMarket(AgriMarketDescriptor.Create());
        services.AddSingleton<IDemoCatalog, AgriDemoCatalog>();
        services.AddPluginDbContext<AgriDbContext, AgriPostgreSqlDbContext>();
        services.AddScoped<HarvestBook>();
        services.AddScoped<IOrderLinePolicy, AgriLinePolicy>();
        services.AddSingleton<ShelfLifeWatch>();
        services.AddScoped<IDemoDataSeeder, AgriDemoData>();
    }

    /// <summary>Applies the plugin's migrations (batches and allocations).</summary>
    /// <inheritdoc />
    public Task InstallAsync(IServiceProvider services, PluginInstallContext install, CancellationToken cancellationToken)
        => services.MigratePluginDatabaseAsync<AgriDbContext>(cancellationToken);

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAgriApi();
        endpoints.MapAgriPages();
    }

    /// <summary>Starts watching shelf lives.</summary>
    /// <inheritdoc />
    public Task StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<ShelfLifeWatch>().Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<ShelfLifeWatch>().Stop();
        return Task.CompletedTask;
    }
}
