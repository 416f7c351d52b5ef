using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Plugins;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Markets;

/// <summary>The markets of the enabled plugins.</summary>
public sealed class MarketDirectory(PluginRuntime runtime)
{
    /// <summary>Every market declared by an enabled plugin, in plugin load order.</summary>
    public IReadOnlyList<MarketDescriptor> Enabled()
        => runtime.EnabledPluginServices().SelectMany(s => s.GetServices<MarketDescriptor>()).ToList();

    /// <summary>An enabled market by id, or <see langword="null"/>.</summary>
    /// <param name="id">The market id.</param>
    public MarketDescriptor? Find(string id) => Enabled().FirstOrDefault(m => m.Id == id);
}

/// <summary>Maps <c>GET /api/v1/markets</c>.</summary>
public static class MarketEndpoints
{
    /// <summary>Maps the market endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    public static IEndpointRouteBuilder MapMarketEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var markets = endpoints.MapGroup("/api/v1/markets").WithTags("Markets");
        markets.MapGet("/", (MarketDirectory directory) => TypedResults.Ok(directory.Enabled()))
            .WithName("ListMarkets")
            .WithSummary("Lists the markets of the enabled plugins with their attributes and facets.");
        markets.MapGet("/{id}", Results<Ok<MarketDescriptor>, ProblemHttpResult> (string id, MarketDirectory directory) =>
                directory.Find(id) is { } market
                    ? TypedResults.Ok(market)
                    : TypedResults.Problem(statusCode: 404, type: ProblemTypes.NotFound, title: "Market not found", detail: $"No enabled market '{id}'."))
            .WithName("GetMarket")
            .WithSummary("Shows one enabled market.");
        return endpoints;
    }
}
