using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Plugins.ApplianceMarket.Data;
using SmartTrade.Plugins.ApplianceMarket.Data.PostgreSql;
using SmartTrade.Plugins.ApplianceMarket.Demo;
using SmartTrade.Plugins.ApplianceMarket.Market;
using SmartTrade.Plugins.ApplianceMarket.Pricing;
using SmartTrade.Plugins.ApplianceMarket.Quotes;
using SmartTrade.Plugins.ApplianceMarket.Storefront;
using SmartTrade.Sdk.Data;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Plugins.ApplianceMarket;

/// <summary>
/// The small-appliance market plugin (小家电市场). It declares the appliance market, prices its lines by wholesale
/// tiers, runs requests for quotation, and serves the market's storefront pages and API.
/// </summary>
public sealed class ApplianceMarketPlugin : ITradePlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddMarket(ApplianceMarketDescriptor.Create());
        services.AddSingleton<IDemoCatalog, ApplianceDemoCatalog>();
        services.AddPluginDbContext<ApplianceMarketDbContext, ApplianceMarketPostgreSqlDbContext>();
        services.AddScoped<PriceTiers>();
        services.AddScoped<QuoteDesk>();
        services.AddScoped<IOrderLinePolicy, WholesaleLinePolicy>();
        services.AddScoped<IDemoDataSeeder, ApplianceDemoData>();
    }

    /// <summary>Applies the plugin's migrations (price tiers, quote requests, notifications).</summary>
    /// <inheritdoc />
    public Task InstallAsync(IServiceProvider services, PluginInstallContext install, CancellationToken cancellationToken)
        => services.MigratePluginDatabaseAsync<ApplianceMarketDbContext>(cancellationToken);

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApplianceApi();
        endpoints.MapApplianceStorefront();
    }
}
