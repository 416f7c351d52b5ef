using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Benchmarks.Search;

/// <summary>One typical storefront search, as the search page sends it.</summary>
/// <param name="Name">A short name for tables.</param>
/// <param name="Query">The query.</param>
public sealed record SearchScenario(string Name, SearchQuery Query);

/// <summary>
/// The searches the benchmarks time, each asking for the same three facets as the storefront's appliance page
/// (category, brand, price): a Chinese product term, an English term, a town name that matches a large part of
/// the catalogue, a filtered listing sorted by price without text, and a page far down a cursor chain.
/// </summary>
public static class SearchScenarios
{
    /// <summary>How many pages the deep-page scenario follows cursors for (results 4,981-5,000).</summary>
    public const int DeepPage = 250;

    private static readonly string[] Facets = [BuiltInFields.Category, "brand", BuiltInFields.Price];

    public static SearchScenario ChineseTerm { get; } = new("zh term + 3 facets", new SearchQuery
    {
        Text = "电热水壶",
        MarketId = "appliances",
        Facets = Facets,
    });

    public static SearchScenario EnglishTerm { get; } = new("en term + 3 facets", new SearchQuery
    {
        Text = "air fryer",
        MarketId = "appliances",
        Facets = Facets,
        Culture = "en",
    });

    public static SearchScenario BroadTerm { get; } = new("broad town + 3 facets", new SearchQuery
    {
        Text = "慈溪",
        MarketId = "appliances",
        Facets = Facets,
    });

    public static SearchScenario FilterSortByPrice { get; } = new("filter + price sort", new SearchQuery
    {
        MarketId = "appliances",
        Filters =
        [
            new TermsFilter(BuiltInFields.Category, ["kitchen"]),
            new TermsFilter("certifications", ["CE"]),
            new RangeFilter(BuiltInFields.Price, 10_000, 50_000),
        ],
        Sort = SearchSort.PriceAscending,
        Facets = Facets,
    });

    /// <summary>The query whose cursor chain <see cref="DeepPageAsync"/> follows.</summary>
    public static SearchQuery DeepPageStart { get; } = new()
    {
        MarketId = "appliances",
        Filters = [new TermsFilter(BuiltInFields.Category, ["kitchen"])],
        Sort = SearchSort.Newest,
        Facets = Facets,
    };

    /// <summary>The scenarios that need no preparation.</summary>
    public static IReadOnlyList<SearchScenario> Fixed { get; } = [ChineseTerm, EnglishTerm, BroadTerm, FilterSortByPrice];

    /// <summary>Follows <see cref="DeepPage"/> - 1 cursors from <see cref="DeepPageStart"/>; the scenario fetches the next page.</summary>
    public static async Task<SearchScenario> DeepPageAsync(ICatalogSearch search)
    {
        var query = DeepPageStart with { Facets = [] };
        for (var page = 1; page < DeepPage; page++)
        {
            var result = await search.SearchAsync(query);
            query = query with { Cursor = result.NextCursor ?? throw new InvalidOperationException($"The catalogue ends before page {DeepPage}.") };
        }

        return new SearchScenario($"cursor page {DeepPage}", DeepPageStart with { Cursor = query.Cursor });
    }

    /// <summary>Every scenario, the deep page prepared against <paramref name="search"/>.</summary>
    public static async Task<IReadOnlyList<SearchScenario>> AllAsync(ICatalogSearch search)
        => [.. Fixed, await DeepPageAsync(search)];
}
