using Elastic.Transport;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Search.Elasticsearch;
using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Search;
using Xunit.Abstractions;

namespace SmartTrade.Platform.Elasticsearch.Tests;

public sealed class RealClusterTests(ITestOutputHelper output)
{
    private const string Variable = "SMARTTRADE_TEST_ELASTICSEARCH_URL";

    [Fact]
    public void Registration_provides_the_search_as_ICatalogSearch()
    {
        var services = new ServiceCollection()
            .AddSingleton<IMarketSchemas>(new FixedMarketSchemas(ElasticsearchCatalogSearchTests.Market))
            .AddElasticsearchCatalogSearch(new ElasticsearchSearchOptions { Url = new Uri("http://127.0.0.1:9") });
        using var provider = services.BuildServiceProvider();
        Assert.IsType<ElasticsearchCatalogSearch>(provider.GetRequiredService<ICatalogSearch>());
        Assert.Same(provider.GetRequiredService<ElasticsearchCatalogSearch>(), provider.GetRequiredService<ICatalogSearch>());
    }

    [Fact]
    public async Task Indexes_searches_pages_and_deletes_on_a_real_cluster_when_SMARTTRADE_TEST_ELASTICSEARCH_URL_is_set()
    {
        var url = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(url))
        {
            output.WriteLine($"Not run: set {Variable} (e.g. http://localhost:9200) to test against a real Elasticsearch cluster.");
            return;
        }

        var options = new ElasticsearchSearchOptions
        {
            Url = new Uri(url),
            IndexName = "smarttrade-test-" + Guid.NewGuid().ToString("N"),
            ApiKey = Environment.GetEnvironmentVariable("SMARTTRADE_TEST_ELASTICSEARCH_API_KEY"),
        };
        var client = ElasticsearchCatalogSearch.CreateClient(options);
        var search = new ElasticsearchCatalogSearch(options, new FixedMarketSchemas(ElasticsearchCatalogSearchTests.Market), client);
        try
        {
            var first = ElasticsearchCatalogSearchTests.Kettle(version: 3, id: Guid.NewGuid());
            var second = ElasticsearchCatalogSearchTests.Kettle(version: 1, id: Guid.NewGuid()) with
            {
                Title = new LocalizedText("苏泊尔电水壶", "Supor kettle"),
                Price = new Sdk.Money(12000, "CNY"),
                Attributes = new Dictionary<string, AttributeValue> { ["brand"] = AttributeValue.Choice("supor") },
            };
            await search.IndexAsync([first, second]);

            // An older version is ignored.
            await search.IndexAsync([first with { Version = 2, Title = new LocalizedText("旧标题", "Old title") }]);

            var all = await search.SearchAsync(new SearchQuery { MarketId = "appliances", Facets = ["brand", "price"], Sort = SearchSort.PriceAscending, PageSize = 1 });
            Assert.Equal(2, all.Total);
            Assert.Equal(first.Id, all.Hits[0].ListingId);
            Assert.Equal("美的电水壶 MK-1720", all.Hits[0].Title);
            Assert.Equal(2, all.Facets[0].Buckets.Sum(b => b.Count));
            Assert.NotNull(all.NextCursor);

            var page2 = await search.SearchAsync(new SearchQuery { MarketId = "appliances", Sort = SearchSort.PriceAscending, PageSize = 1, Cursor = all.NextCursor });
            Assert.Equal(second.Id, Assert.Single(page2.Hits).ListingId);
            Assert.Equal(2, page2.Hits[0].Rank);

            var filtered = await search.SearchAsync(new SearchQuery
            {
                Text = "电水壶",
                MarketId = "appliances",
                Filters = [new TermsFilter("brand", ["midea"])],
                Facets = ["brand"],
            });
            Assert.Equal(first.Id, Assert.Single(filtered.Hits).ListingId);
            Assert.Contains("<em>", filtered.Hits[0].Snippet, StringComparison.Ordinal);
            Assert.Equal(2, filtered.Facets[0].Buckets.Count);

            var code = await search.SearchAsync(new SearchQuery { Text = "mk-1720" });
            Assert.Equal(first.Id, Assert.Single(code.Hits).ListingId);

            await search.DeleteAsync([first.Id, Guid.NewGuid()]);
            var after = await search.SearchAsync(new SearchQuery { MarketId = "appliances" });
            Assert.Equal(second.Id, Assert.Single(after.Hits).ListingId);
        }
        finally
        {
            await client.Transport.RequestAsync<VoidResponse>(Elastic.Transport.HttpMethod.DELETE, "/" + options.IndexName);
        }
    }
}
