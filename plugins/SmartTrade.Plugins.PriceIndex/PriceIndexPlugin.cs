using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Plugins.PriceIndex.Indices;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Plugins.PriceIndex;

/// <summary>
/// The plastics price-index plugin (中塑价格指数). It publishes prices of the receipt market's grades,
/// so it depends on <c>warehouse-receipts</c> and declares no goods market of its own.
/// </summary>
public sealed class PriceIndexPlugin : ITradePlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIndexDefinitions();
    }
}
