using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Plugins.PriceIndex.Data;
using SmartTrade.Plugins.PriceIndex.Data.PostgreSql;
using SmartTrade.Plugins.PriceIndex.Demo;
using SmartTrade.Plugins.PriceIndex.Indices;
using SmartTrade.Plugins.PriceIndex.Inputs;
using SmartTrade.Plugins.PriceIndex.Methodology;
using SmartTrade.Plugins.PriceIndex.Publication;
using SmartTrade.Plugins.PriceIndex.Screen;
using SmartTrade.Sdk.Data;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Plugins.PriceIndex;

/// <summary>
/// The plastics price-index plugin (中塑价格指数). It publishes prices of the receipt market's grades, so it depends on
/// <c>warehouse-receipts</c> and declares no goods market of its own. Inputs (trades from <c>TradeExecuted</c>, firm
/// quotes, judgments) and every published version live in its own tables; a schedule on the host's clock publishes
/// each window when it ends.
/// </summary>
public sealed class PriceIndexPlugin : ITradePlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddPluginDbContext<PriceIndexDbContext, PriceIndexPostgreSqlDbContext>();
        services.AddScoped<MethodologyBook>();
        services.AddScoped<QuoteDesk>();
        services.AddScoped<JudgmentDesk>();
        services.AddScoped<IndexSeriesReader>();
        services.AddSingleton<IndexFeed>();
        services.AddSingleton<IndexPublisher>();
        services.AddSingleton<PublicationSchedule>();
        services.AddScoped<IDemoDataSeeder, IndexDemoData>();
    }

    /// <summary>Applies the migrations and publishes methodology version 1.0 from configuration on a fresh install.</summary>
    /// <inheritdoc />
    public async Task InstallAsync(IServiceProvider services, PluginInstallContext install, CancellationToken cancellationToken)
    {
        await services.MigratePluginDatabaseAsync<PriceIndexDbContext>(cancellationToken);
        await services.GetRequiredService<MethodologyBook>().EnsureFirstVersionAsync(
            services.GetRequiredService<PluginContext>(), services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIndexDefinitions();
        endpoints.MapMethodology();
        endpoints.MapIndexInputs();
        endpoints.MapCorrections();
        endpoints.MapValueInputs();
        endpoints.MapIndexSeries();
        endpoints.MapIndexScreen();
    }

    /// <inheritdoc />
    public Task StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<PublicationSchedule>().Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(IServiceProvider services, CancellationToken cancellationToken)
        => services.GetRequiredService<PublicationSchedule>().StopAsync();
}
