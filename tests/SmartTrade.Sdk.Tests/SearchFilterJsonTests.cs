using System.Text.Json;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Sdk.Tests;

public sealed class SearchFilterJsonTests
{
    [Fact]
    public void A_terms_filter_round_trips_with_its_kind()
    {
        SearchFilter filter = new TermsFilter("brand", ["midea", "supor"]);

        var json = JsonSerializer.Serialize(filter);
        var back = JsonSerializer.Deserialize<SearchFilter>(json);

        Assert.Equal("""{"kind":"terms","field":"brand","values":["midea","supor"]}""", json);
        Assert.Equal(filter, back);
    }

    [Fact]
    public void A_range_filter_round_trips_with_open_bounds()
    {
        SearchFilter filter = new RangeFilter("price", 10_000, null);

        var back = JsonSerializer.Deserialize<SearchFilter>(JsonSerializer.Serialize(filter));

        var range = Assert.IsType<RangeFilter>(back);
        Assert.Equal("price", range.Field);
        Assert.Equal(10_000, range.From);
        Assert.Null(range.To);
    }

    [Fact]
    public void A_search_query_reads_its_filters_from_client_json()
    {
        const string json = """
            {
              "text": "电水壶",
              "marketId": "appliances",
              "filters": [
                { "kind": "terms", "field": "certifications", "values": ["CCC"] },
                { "kind": "range", "field": "powerWatts", "from": 1500, "to": 2200 }
              ],
              "facets": ["brand", "price"],
              "sort": "PriceAscending",
              "pageSize": 500
            }
            """;

        var query = JsonSerializer.Deserialize<SearchQuery>(json)!;

        Assert.Equal("电水壶", query.Text);
        Assert.Equal(SearchSort.PriceAscending, query.Sort);
        Assert.Equal(["brand", "price"], query.Facets);
        Assert.Equal(new TermsFilter("certifications", ["CCC"]), query.Filters[0]);
        Assert.Equal(new RangeFilter("powerWatts", 1500, 2200), query.Filters[1]);
        Assert.Equal(SearchQuery.MaxPageSize, query.EffectivePageSize);
        Assert.Equal("zh-CN", query.Culture);
    }

    [Fact]
    public void A_search_query_has_sensible_defaults()
    {
        var query = new SearchQuery();

        Assert.Equal(20, query.EffectivePageSize);
        Assert.Equal(SearchSort.Relevance, query.Sort);
        Assert.Empty(query.Filters);
    }

    [Fact]
    public void An_unknown_filter_kind_is_refused()
        => Assert.Throws<JsonException>(
            () => JsonSerializer.Deserialize<SearchFilter>("""{"kind":"geo","field":"location"}"""));

    [Fact]
    public void Terms_filters_compare_their_values_by_content()
    {
        Assert.Equal(new TermsFilter("brand", ["a", "b"]), new TermsFilter("brand", new List<string> { "a", "b" }));
        Assert.NotEqual(new TermsFilter("brand", ["a", "b"]), new TermsFilter("brand", ["b", "a"]));
        Assert.NotEqual(new TermsFilter("brand", ["a"]), new TermsFilter("model", ["a"]));
    }
}
