using Microsoft.Extensions.DependencyInjection;

namespace SmartTrade.Sdk.Markets;

/// <summary>Registers markets from a plugin's <c>ConfigureServices</c>.</summary>
public static class MarketServiceCollectionExtensions
{
    /// <summary>
    /// Declares a market. The host lists every market of every enabled plugin at <c>GET /api/v1/markets</c>
    /// and uses the descriptor to validate listings and build search facets.
    /// </summary>
    /// <param name="services">The plugin's service collection.</param>
    /// <param name="market">The market's descriptor.</param>
    public static IServiceCollection AddMarket(this IServiceCollection services, MarketDescriptor market)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(market);
        return services.AddSingleton(market);
    }
}
