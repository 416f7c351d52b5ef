using SmartTrade.Platform.Markets;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Platform.Search.Lucene;

/// <summary>
/// Where the search engine finds a market's schema (attribute names, facet definitions, category names).
/// Kept apart from the plugin runtime so the engine can be tested with hand-written descriptors.
/// </summary>
public interface IMarketSchemas
{
    /// <summary>The descriptor of an enabled market, or <see langword="null"/>.</summary>
    /// <param name="marketId">The market id.</param>
    MarketDescriptor? Find(string marketId);
}

/// <summary>The markets of the enabled plugins.</summary>
/// <param name="directory">The host's market directory.</param>
public sealed class MarketDirectorySchemas(MarketDirectory directory) : IMarketSchemas
{
    /// <inheritdoc />
    public MarketDescriptor? Find(string marketId) => directory.Find(marketId);
}

/// <summary>A fixed set of market descriptors (tests, tools).</summary>
/// <param name="markets">The markets.</param>
public sealed class FixedMarketSchemas(params MarketDescriptor[] markets) : IMarketSchemas
{
    /// <inheritdoc />
    public MarketDescriptor? Find(string marketId) => Array.Find(markets, m => m.Id == marketId);
}
