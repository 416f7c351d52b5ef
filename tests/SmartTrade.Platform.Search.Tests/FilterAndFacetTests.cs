using SmartTrade.Sdk.Search;
using static SmartTrade.Platform.Search.Tests.IndexFolder;

namespace SmartTrade.Platform.Search.Tests;

public sealed class FilterAndFacetTests : IAsyncLifetime
{
    private readonly IndexFolder _index = new();

    public Task InitializeAsync() => _index.IndexAsync(
        Listing("美的电水壶", price: 8900, brand: "midea", certification: ["CCC"]),
        Listing("美的电饭煲", price: 19900, brand: "midea", certification: ["CCC", "CE"]),
        Listing("苏泊尔电水壶", price: 12900, brand: "supor", certification: ["CE"]),
        Listing("九阳豆浆机", price: 29900, brand: "joyoung", category: "kitchen"));

    public Task DisposeAsync() => _index.DisposeAsync().AsTask();

    [Fact]
    public async Task Terms_filter_accepts_any_of_its_values()
    {
        var result = await _index.FindAsync(null, q => q with { Filters = [new TermsFilter("brand", ["supor", "joyoung"])] });

        Assert.Equal(2, result.Total);
        Assert.All(result.Hits, h => Assert.DoesNotContain("美的", h.Title));
    }

    [Fact]
    public async Task Range_filter_includes_from_and_excludes_to()
    {
        var result = await _index.FindAsync(null, q => q with { Filters = [new RangeFilter("price", 8900, 19900)] });

        Assert.Equal(new[] { "苏泊尔电水壶", "美的电水壶" }.Order(StringComparer.Ordinal), result.Hits.Select(h => h.Title).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Filters_on_different_fields_must_all_pass()
    {
        var result = await _index.FindAsync("电水壶", q => q with
        {
            Filters = [new TermsFilter("brand", ["midea", "supor"]), new RangeFilter("price", 10000, null), new TermsFilter("certification", ["CE"])],
        });

        Assert.Equal(["苏泊尔电水壶"], result.Hits.Select(h => h.Title));
    }

    [Fact]
    public async Task Category_filter_finds_the_category_and_everything_below_it()
    {
        var kitchen = await _index.FindAsync(null, q => q with { Filters = [new TermsFilter("category", ["kitchen"])] });
        var kettles = await _index.FindAsync(null, q => q with { Filters = [new TermsFilter("category", ["kitchen/kettle"])] });

        Assert.Equal(4, kitchen.Total);
        Assert.Equal(3, kettles.Total);
    }

    [Fact]
    public async Task Market_filter_keeps_one_market()
    {
        Assert.Equal(4, (await _index.FindAsync(null, q => q with { MarketId = "appliances" })).Total);
        Assert.Equal(0, (await _index.FindAsync(null, q => q with { MarketId = "agri" })).Total);
    }

    [Fact]
    public async Task Terms_facet_counts_by_count_then_key_with_labels()
    {
        var result = await _index.FindAsync(null, q => q with { MarketId = "appliances", Facets = ["brand", "certification"], Culture = "en" });

        var brand = result.Facets[0];
        Assert.Equal("brand", brand.Field);
        Assert.Equal([("midea", 2L), ("joyoung", 1L), ("supor", 1L)], brand.Buckets.Select(b => (b.Key, b.Count)));
        var certification = result.Facets[1];
        Assert.Equal([("CCC", 2L, "CCC"), ("CE", 2L, "CE mark")], certification.Buckets.Select(b => (b.Key, b.Count, b.Label)));
    }

    [Fact]
    public async Task Facet_counts_follow_the_text_and_other_filters()
    {
        var result = await _index.FindAsync("电水壶", q => q with
        {
            MarketId = "appliances",
            Filters = [new TermsFilter("certification", ["CE"])],
            Facets = ["brand"],
        });

        Assert.Equal([("supor", 1L)], result.Facets[0].Buckets.Select(b => (b.Key, b.Count)));
    }

    [Fact]
    public async Task Facet_counts_ignore_the_facets_own_filter_so_alternatives_stay_visible()
    {
        var result = await _index.FindAsync(null, q => q with
        {
            MarketId = "appliances",
            Filters = [new TermsFilter("brand", ["supor"]), new RangeFilter("price", null, 20000)],
            Facets = ["brand", "certification"],
        });

        Assert.Equal(1, result.Total);

        // Brand counts leave out the brand filter but keep the price filter (joyoung costs 299).
        Assert.Equal([("midea", 2L), ("supor", 1L)], result.Facets[0].Buckets.Select(b => (b.Key, b.Count)));

        // Certification counts keep every filter.
        Assert.Equal([("CE", 1L)], result.Facets[1].Buckets.Select(b => (b.Key, b.Count)));
    }

    [Fact]
    public async Task Price_range_facet_counts_each_range_in_market_order()
    {
        var result = await _index.FindAsync(null, q => q with
        {
            MarketId = "appliances",
            Filters = [new RangeFilter("price", 10000, null)],
            Facets = ["price"],
        });

        Assert.Equal(3, result.Total);
        Assert.Equal(
            [("0-100", 1L, "100元以下"), ("100-200", 2L, "100-200元"), ("200-", 1L, "200元以上")],
            result.Facets[0].Buckets.Select(b => (b.Key, b.Count, b.Label)));
    }

    [Fact]
    public async Task Category_facet_names_the_categories()
    {
        var result = await _index.FindAsync(null, q => q with { MarketId = "appliances", Facets = ["category"] });

        Assert.Equal(
            [("kitchen", 4L, "厨房电器"), ("kitchen/kettle", 3L, "电水壶")],
            result.Facets[0].Buckets.Select(b => (b.Key, b.Count, b.Label)));
    }
}
