using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Samples.MouldMarket.Data;
using SmartTrade.Samples.MouldMarket.Data.PostgreSql;
using SmartTrade.Samples.MouldMarket.Demo;
using SmartTrade.Samples.MouldMarket.Inquiries;
using SmartTrade.Samples.MouldMarket.Market;
using SmartTrade.Sdk.Data;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Samples.MouldMarket;

/// <summary>
/// The Yuyao mould market (余姚模具市场), a sample third-party plugin built against the SDK alone:
/// it declares a market, serves a bulk-listing template generated from that market's attributes, keeps buyers'
/// inquiries in its own tables, and logs the orders placed in its market.
/// </summary>
public sealed class MouldMarketPlugin : ITradePlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddMarket(MouldMarketDescriptor.Create());
        services.AddSingleton<IDemoCatalog, MouldDemoCatalog>();
        services.AddPluginDbContext<MouldMarketDbContext, MouldMarketPostgreSqlDbContext>();
    }

    /// <inheritdoc />
    public Task InstallAsync(IServiceProvider services, PluginInstallContext install, CancellationToken cancellationToken)
        => services.MigratePluginDatabaseAsync<MouldMarketDbContext>(cancellationToken);

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMouldImportTemplate();
        endpoints.MapMouldInquiries();
    }
}
