using System.Text.Json.Nodes;
using SmartTrade.Platform.Search.Elasticsearch;
using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Platform.Elasticsearch.Tests;

public sealed class ElasticsearchCatalogSearchTests : IAsyncLifetime
{
    private static readonly Guid KettleId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid RiceCookerId = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private FakeElasticsearchServer _server = null!;
    private ElasticsearchCatalogSearch _search = null!;

    public static MarketDescriptor Market { get; } = new()
    {
        Id = "appliances",
        Names = new LocalizedText("家电", "Appliances"),
        Categories =
        [
            new CategoryDefinition
            {
                Code = "kitchen",
                Names = new LocalizedText("厨房电器", "Kitchen"),
                Children = [new CategoryDefinition { Code = "kettle", Names = new LocalizedText("电水壶", "Kettles") }],
            },
        ],
        Attributes =
        [
            new AttributeDefinition
            {
                Key = "brand",
                Names = new LocalizedText("品牌", "Brand"),
                Type = AttributeType.Choice,
                Searchable = true,
                AllowedValues =
                [
                    new AllowedValue("midea", new LocalizedText("美的", "Midea")),
                    new AllowedValue("supor", new LocalizedText("苏泊尔", "Supor")),
                ],
            },
            new AttributeDefinition { Key = "power", Names = new LocalizedText("功率", "Power"), Type = AttributeType.Integer },
        ],
        Facets =
        [
            new FacetDefinition { Field = "brand", Names = new LocalizedText("品牌", "Brand") },
            new FacetDefinition
            {
                Field = "price",
                Names = new LocalizedText("价格", "Price"),
                Kind = FacetKind.Range,
                Ranges =
                [
                    new FacetRange("cheap", null, 10000, new LocalizedText("100元以下", "Under 100")),
                    new FacetRange("mid", 10000, 50000, new LocalizedText("100-500元", "100-500")),
                    new FacetRange("dear", 50000, null, new LocalizedText("500元以上", "Over 500")),
                ],
            },
        ],
    };

    public static Listing Kettle(long version = 3, ListingStatus status = ListingStatus.Active, Guid? id = null) => new()
    {
        Id = id ?? KettleId,
        MarketId = "appliances",
        MerchantId = "m-1",
        Title = new LocalizedText("美的电水壶 MK-1720", "Midea electric kettle MK-1720"),
        Description = new LocalizedText("快速烧水 <安全> 防干烧", "Boils fast <safe> dry-boil protection"),
        CategoryPath = "kitchen/kettle",
        Price = new Money(8900, "CNY"),
        Unit = "piece",
        Status = status,
        Version = version,
        Attributes = new Dictionary<string, AttributeValue>
        {
            ["brand"] = AttributeValue.Choice("midea"),
            ["power"] = AttributeValue.Integer(1800),
        },
        Images = [new ListingImage { Id = Guid.NewGuid(), Url = "https://img.example/k.jpg", ContentType = "image/jpeg" }],
        CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    public async Task InitializeAsync()
    {
        _server = await FakeElasticsearchServer.StartAsync();
        _search = new ElasticsearchCatalogSearch(new ElasticsearchSearchOptions { Url = _server.Url }, new FixedMarketSchemas(Market));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task First_write_creates_the_index_with_the_mapping()
    {
        await _search.IndexAsync([Kettle()]);

        Assert.Equal("/smarttrade-listings", _server.Single("HEAD", "/smarttrade-listings").Path);
        var put = _server.Single("PUT", "/smarttrade-listings");
        var body = JsonNode.Parse(put.Body)!;
        var properties = body["mappings"]!["properties"]!;
        Assert.Equal("keyword", (string?)properties["listingId"]!["type"]);
        Assert.Equal("keyword", (string?)properties["market"]!["type"]);
        Assert.Equal("keyword", (string?)properties["merchant"]!["type"]);
        Assert.Equal("long", (string?)properties["version"]!["type"]);
        Assert.Equal("date", (string?)properties["createdAt"]!["type"]);
        Assert.Equal("cjk", (string?)properties["title_zh"]!["analyzer"]);
        Assert.Equal("english", (string?)properties["title_en"]!["analyzer"]);
        Assert.Equal("cjk", (string?)properties["description_zh"]!["analyzer"]);
        Assert.Equal("english", (string?)properties["description_en"]!["analyzer"]);
        Assert.Equal("lowercase_code", (string?)properties["codes"]!["normalizer"]);
        Assert.Equal("lowercase", (string?)body["settings"]!["analysis"]!["normalizer"]!["lowercase_code"]!["filter"]![0]);
        var templates = body["mappings"]!["dynamic_templates"]!.AsArray();
        Assert.Equal("terms.*", (string?)templates[0]!["terms"]!["path_match"]);
        Assert.Equal("keyword", (string?)templates[0]!["terms"]!["mapping"]!["type"]);
        Assert.Equal("numbers.*", (string?)templates[1]!["numbers"]!["path_match"]);
        Assert.Equal("long", (string?)templates[1]!["numbers"]!["mapping"]!["type"]);

        // The index is checked once.
        await _search.IndexAsync([Kettle(4)]);
        Assert.Single(_server.Requests, r => r.Method == "HEAD");
    }

    [Fact]
    public async Task Existing_index_is_not_created_again()
    {
        _server.IndexExists = true;
        await _search.DeleteAsync([KettleId]);
        Assert.DoesNotContain(_server.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Index_sends_bulk_ndjson_with_external_versions_and_ignores_version_conflicts()
    {
        _server.BulkResponse = $$$$"""
            {"took":7,"errors":true,"items":[
              {"index":{"_index":"smarttrade-listings","_id":"{{{{KettleId}}}}","_version":3,"result":"created","status":201,"_seq_no":0,"_primary_term":1}},
              {"delete":{"_index":"smarttrade-listings","_id":"{{{{RiceCookerId}}}}","status":409,"error":{"type":"version_conflict_engine_exception","reason":"[{{{{RiceCookerId}}}}]: version conflict, current version [9] is higher or equal to the one provided [2]"}}}
            ]}
            """;

        await _search.IndexAsync([Kettle(2), Kettle(3), Kettle(2, ListingStatus.Suspended, RiceCookerId)]);

        var bulk = _server.Single("POST", "/_bulk");
        Assert.Contains("refresh=wait_for", bulk.Query, StringComparison.Ordinal);
        Assert.Equal("gzip", bulk.ContentEncoding);
        Assert.StartsWith("application/x-ndjson", bulk.ContentType, StringComparison.Ordinal);
        Assert.EndsWith("\n", bulk.Body, StringComparison.Ordinal);
        var lines = bulk.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(3, lines.Count);

        var index = lines[0]["index"]!;
        Assert.Equal("smarttrade-listings", (string?)index["_index"]);
        Assert.Equal(KettleId.ToString(), (string?)index["_id"]);
        Assert.Equal(3, (long)index["version"]!);
        Assert.Equal("external", (string?)index["version_type"]);

        var document = lines[1];
        Assert.Equal(KettleId.ToString(), (string?)document["listingId"]);
        Assert.Equal("appliances", (string?)document["market"]);
        Assert.Equal("m-1", (string?)document["merchant"]);
        Assert.Equal(3, (long)document["version"]!);
        Assert.Equal("2026-01-02T03:04:05.000Z", (string?)document["createdAt"]);
        Assert.Equal(["kitchen", "kitchen/kettle"], document["terms"]!["category"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("midea", (string?)document["terms"]!["brand"]![0]);
        Assert.Equal(8900, (long)document["numbers"]!["price"]!);
        Assert.Equal(1800, (long)document["numbers"]!["power"]!);
        Assert.Equal("美的电水壶 MK-1720", (string?)document["title_zh"]![0]);
        Assert.Equal("Midea electric kettle MK-1720", (string?)document["title_en"]![0]);
        Assert.Equal("美的电水壶 MK-1720", (string?)document["title"]!["zh-CN"]);
        Assert.Contains("美的", (string?)document["keywords"], StringComparison.Ordinal);
        Assert.Contains(document["codes"]!.AsArray(), c => (string?)c == "midea");
        Assert.Contains(document["codes"]!.AsArray(), c => (string?)c == "MK-1720");
        Assert.Equal("https://img.example/k.jpg", (string?)document["imageUrl"]);

        var delete = lines[2]["delete"]!;
        Assert.Equal(RiceCookerId.ToString(), (string?)delete["_id"]);
        Assert.Equal(2, (long)delete["version"]!);
        Assert.Equal("external", (string?)delete["version_type"]);
    }

    [Fact]
    public async Task Bulk_item_failures_other_than_conflicts_throw()
    {
        _server.IndexExists = true;
        _server.BulkResponse = $$$$"""
            {"took":2,"errors":true,"items":[
              {"index":{"_index":"smarttrade-listings","_id":"{{{{KettleId}}}}","status":400,"error":{"type":"document_parsing_exception","reason":"failed to parse"}}}
            ]}
            """;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _search.IndexAsync([Kettle()]));
        Assert.Contains("document_parsing_exception", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_sends_bulk_deletes_and_ignores_missing_listings()
    {
        _server.IndexExists = true;
        _server.BulkResponse = $$$$"""
            {"took":1,"errors":false,"items":[
              {"delete":{"_index":"smarttrade-listings","_id":"{{{{KettleId}}}}","_version":4,"result":"deleted","status":200}},
              {"delete":{"_index":"smarttrade-listings","_id":"{{{{RiceCookerId}}}}","_version":1,"result":"not_found","status":404}}
            ]}
            """;

        await _search.DeleteAsync([KettleId, RiceCookerId]);

        var bulk = _server.Single("POST", "/_bulk");
        Assert.Contains("refresh=wait_for", bulk.Query, StringComparison.Ordinal);
        var lines = bulk.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal([KettleId.ToString(), RiceCookerId.ToString()], lines.Select(l => (string?)l["delete"]!["_id"]));
    }

    [Fact]
    public async Task Search_sends_query_post_filter_multi_select_aggregations_sort_search_after_and_highlight()
    {
        _server.IndexExists = true;
        var cursor = new SearchCursor(SearchSort.PriceAscending, 5000, RiceCookerId, 20).Encode();

        await _search.SearchAsync(new SearchQuery
        {
            Text = "电水壶 MK-1720",
            MarketId = "appliances",
            Filters =
            [
                new TermsFilter("brand", ["midea", "supor"]),
                new TermsFilter("category", ["kitchen"]),
                new RangeFilter("price", 5000, 10000),
            ],
            Facets = ["brand", "price"],
            Sort = SearchSort.PriceAscending,
            Cursor = cursor,
            PageSize = 10,
        });

        var search = _server.Single("POST", "/smarttrade-listings/_search");
        Assert.Contains("typed_keys=true", search.Query, StringComparison.Ordinal);
        var body = JsonNode.Parse(search.Body)!;
        Assert.Equal(11, (int)body["size"]!);

        // Text and plain filters (market, category: no facet requested) in the query.
        // Each word must match somewhere: as a phrase in a text field or exactly as a code.
        var words = body["query"]!["bool"]!["must"]![0]!["bool"]!["must"]!.AsArray();
        Assert.Equal(2, words.Count);
        var first = words[0]!["bool"]!["should"]!.AsArray();
        Assert.Equal(1, (int)words[0]!["bool"]!["minimum_should_match"]!);
        var multiMatch = first[0]!["multi_match"]!;
        Assert.Equal("电水壶", (string?)multiMatch["query"]);
        Assert.Equal("phrase", (string?)multiMatch["type"]);
        Assert.Contains(multiMatch["fields"]!.AsArray(), f => (string?)f == "title_zh^3");
        Assert.Contains(multiMatch["fields"]!.AsArray(), f => (string?)f == "title_en^3");
        Assert.Contains(multiMatch["fields"]!.AsArray(), f => (string?)f == "description_en");
        Assert.Contains(multiMatch["fields"]!.AsArray(), f => (string?)f == "keywords");
        Assert.Equal("MK-1720", (string?)words[1]!["bool"]!["should"]![1]!["term"]!["codes"]!["value"]);
        var filter = body["query"]!["bool"]!["filter"]!.AsArray();
        Assert.Equal("appliances", (string?)filter[0]!["term"]!["market"]);
        Assert.Equal("kitchen", (string?)filter[1]!["terms"]!["terms.category"]![0]);
        Assert.Equal(2, filter.Count);

        // Faceted fields' filters go to post_filter.
        var post = body["post_filter"]!["bool"]!["filter"]!.AsArray();
        Assert.Equal(2, post.Count);
        Assert.Equal(["midea", "supor"], post[0]!["terms"]!["terms.brand"]!.AsArray().Select(v => (string?)v));
        var priceRange = post[1]!["bool"]!["should"]![0]!["range"]!["numbers.price"]!;
        Assert.Equal(5000, (long)priceRange["gte"]!);
        Assert.Equal(10000, (long)priceRange["lt"]!);

        // Each facet counts with all the other filters.
        var brandWrapper = body["aggs"]!["brand"]!;
        var brandOthers = brandWrapper["filter"]!["bool"]!["filter"]!.AsArray();
        Assert.Single(brandOthers);
        Assert.NotNull(brandOthers[0]!["bool"]!["should"]![0]!["range"]!["numbers.price"]);
        Assert.Equal("terms.brand", (string?)brandWrapper["aggs"]!["brand"]!["terms"]!["field"]);
        Assert.Equal(20, (int)brandWrapper["aggs"]!["brand"]!["terms"]!["size"]!);
        var priceWrapper = body["aggs"]!["price"]!;
        var priceOthers = priceWrapper["filter"]!["bool"]!["filter"]!.AsArray();
        Assert.Single(priceOthers);
        Assert.NotNull(priceOthers[0]!["terms"]!["terms.brand"]);
        var ranges = priceWrapper["aggs"]!["price"]!["range"]!;
        Assert.Equal("numbers.price", (string?)ranges["field"]);
        Assert.Equal(["cheap", "mid", "dear"], ranges["ranges"]!.AsArray().Select(r => (string?)r!["key"]));
        Assert.Null(ranges["ranges"]![0]!["from"]);
        Assert.Equal(10000, (long)ranges["ranges"]![0]!["to"]!);

        // Sort with the listing id as tiebreak, continuing after the cursor.
        var sort = body["sort"]!.AsArray();
        Assert.Equal("asc", (string?)sort[0]!["numbers.price"]!["order"]);
        Assert.Equal("long", (string?)sort[0]!["numbers.price"]!["unmapped_type"]);
        Assert.Equal("asc", (string?)sort[1]!["listingId"]!["order"]);
        Assert.Equal(5000, (long)body["search_after"]![0]!);
        Assert.Equal(RiceCookerId.ToString(), (string?)body["search_after"]![1]);

        var highlight = body["highlight"]!;
        Assert.Equal("<em>", (string?)highlight["pre_tags"]![0]);
        Assert.Equal("</em>", (string?)highlight["post_tags"]![0]);
        Assert.Equal("html", (string?)highlight["encoder"]);
        Assert.NotNull(highlight["fields"]!["title_zh"]);
        Assert.NotNull(highlight["fields"]!["description_en"]);
    }

    [Fact]
    public async Task Search_without_text_sorts_newest_first_and_matches_all()
    {
        _server.IndexExists = true;
        await _search.SearchAsync(new SearchQuery());

        var body = JsonNode.Parse(_server.Single("POST", "/smarttrade-listings/_search").Body)!;
        Assert.NotNull(body["query"]!["bool"]!["must"]![0]!["match_all"]);
        Assert.Null(body["post_filter"]);
        Assert.Null(body["aggs"]);
        Assert.Null(body["highlight"]);
        Assert.Equal("desc", (string?)body["sort"]![0]!["createdAt"]!["order"]);
        Assert.Equal(21, (int)body["size"]!);
    }

    [Fact]
    public async Task Search_reads_hits_totals_facets_with_labels_snippets_and_the_next_cursor()
    {
        _server.IndexExists = true;
        _server.SearchResponse = $$$$"""
            {"took":4,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
             "hits":{"total":{"value":3,"relation":"eq"},"max_score":null,"hits":[
               {"_index":"smarttrade-listings","_id":"{{{{KettleId}}}}","_score":null,
                "_source":{"listingId":"{{{{KettleId}}}}","version":3,"market":"appliances","merchant":"m-1","createdAt":"2026-01-02T03:04:05.000Z",
                  "title":{"zh-CN":"美的电水壶 MK-1720","en":"Midea electric kettle MK-1720"},
                  "description":{"zh-CN":"快速烧水 <安全> 防干烧","en":"Boils fast"},
                  "price":8900,"currency":"CNY","unit":"piece","categoryPath":"kitchen/kettle","imageUrl":"https://img.example/k.jpg"},
                "highlight":{"title_zh":["美的<em>电</em><em>水</em><em>壶</em> MK-1720"]},
                "sort":[8900,"{{{{KettleId}}}}"]},
               {"_index":"smarttrade-listings","_id":"{{{{RiceCookerId}}}}","_score":null,
                "_source":{"listingId":"{{{{RiceCookerId}}}}","version":1,"market":"appliances","merchant":"m-2","createdAt":"2026-01-03T00:00:00.000Z",
                  "title":{"zh-CN":"苏泊尔电水壶"},"description":{"zh-CN":"<b>不锈钢</b>"},
                  "price":9900,"currency":"CNY","unit":"piece","categoryPath":"kitchen/kettle"},
                "sort":[9900,"{{{{RiceCookerId}}}}"]}
             ]},
             "aggregations":{
               "filter#brand":{"doc_count":3,"sterms#brand":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[
                 {"key":"midea","doc_count":2},{"key":"supor","doc_count":1},{"key":"other","doc_count":1}]}},
               "filter#price":{"doc_count":2,"range#price":{"buckets":[
                 {"key":"cheap","to":10000.0,"doc_count":2},{"key":"mid","from":10000.0,"to":50000.0,"doc_count":0},{"key":"dear","from":50000.0,"doc_count":0}]}}
             }}
            """;

        var result = await _search.SearchAsync(new SearchQuery
        {
            Text = "电水壶",
            MarketId = "appliances",
            Facets = ["brand", "price"],
            Sort = SearchSort.PriceAscending,
            PageSize = 1,
        });

        Assert.Equal(3, result.Total);
        Assert.True(result.TotalIsExact);
        var hit = Assert.Single(result.Hits);
        Assert.Equal(KettleId, hit.ListingId);
        Assert.Equal("appliances", hit.MarketId);
        Assert.Equal("m-1", hit.MerchantId);
        Assert.Equal("美的电水壶 MK-1720", hit.Title);
        Assert.Equal("美的<em>电</em><em>水</em><em>壶</em> MK-1720", hit.Snippet);
        Assert.Equal(new Money(8900, "CNY"), hit.Price);
        Assert.Equal("piece", hit.Unit);
        Assert.Equal("kitchen/kettle", hit.CategoryPath);
        Assert.Equal("https://img.example/k.jpg", hit.ImageUrl);
        Assert.Equal(1, hit.Rank);

        var next = SearchCursor.Decode(result.NextCursor!, SearchSort.PriceAscending);
        Assert.Equal(8900, next.Value);
        Assert.Equal(KettleId, next.ListingId);
        Assert.Equal(1, next.Served);

        Assert.Equal(["brand", "price"], result.Facets.Select(f => f.Field));
        var brand = result.Facets[0].Buckets;
        Assert.Equal(["midea", "supor", "other"], brand.Select(b => b.Key));
        Assert.Equal(["美的", "苏泊尔", null], brand.Select(b => b.Label));
        Assert.Equal([2L, 1L, 1L], brand.Select(b => b.Count));
        var price = result.Facets[1].Buckets;
        Assert.Equal(["cheap", "mid", "dear"], price.Select(b => b.Key));
        Assert.Equal("100元以下", price[0].Label);
        Assert.Equal([2L, 0L, 0L], price.Select(b => b.Count));
        Assert.True(result.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_hit_without_highlight_gets_an_escaped_snippet_and_english_titles_fall_back()
    {
        _server.IndexExists = true;
        _server.SearchResponse = $$$$"""
            {"took":1,"hits":{"total":{"value":10000,"relation":"gte"},"hits":[
               {"_id":"{{{{RiceCookerId}}}}","_score":1.5,
                "_source":{"listingId":"{{{{RiceCookerId}}}}","market":"appliances","merchant":"m-2",
                  "title":{"zh-CN":"苏泊尔电水壶"},"description":{"zh-CN":"<b>不锈钢</b>"},
                  "price":9900,"currency":"CNY","unit":"piece"},
                "sort":[1.5,"{{{{RiceCookerId}}}}"]}]}}
            """;

        var result = await _search.SearchAsync(new SearchQuery { Text = "水壶", Culture = "en", PageSize = 5 });

        Assert.False(result.TotalIsExact);
        Assert.Equal(10000, result.Total);
        var hit = Assert.Single(result.Hits);
        Assert.Equal("苏泊尔电水壶", hit.Title);
        Assert.Equal("&lt;b&gt;不锈钢&lt;/b&gt;", hit.Snippet);
        Assert.Null(hit.ImageUrl);
        Assert.Null(result.NextCursor);
    }

    [Fact]
    public async Task Relevance_cursor_round_trips_the_score()
    {
        _server.IndexExists = true;
        var cursor = new SearchCursor(SearchSort.Relevance, BitConverter.DoubleToInt64Bits(2.25), KettleId, 20).Encode();

        await _search.SearchAsync(new SearchQuery { Text = "the kettle", Cursor = cursor });

        var body = JsonNode.Parse(_server.Single("POST", "/smarttrade-listings/_search").Body)!;
        var text = body["query"]!["bool"]!["must"]![0]!["bool"]!;
        Assert.Equal("kettle", (string?)Assert.Single(text["must"]!.AsArray())!["bool"]!["should"]![0]!["multi_match"]!["query"]);
        Assert.Equal("the", (string?)Assert.Single(text["should"]!.AsArray())!["bool"]!["should"]![0]!["multi_match"]!["query"]);
        Assert.Equal("desc", (string?)body["sort"]![0]!["_score"]!["order"]);
        Assert.Equal(2.25, (double)body["search_after"]![0]!);
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("AAAA")]
    public async Task Invalid_cursor_throws_before_any_request(string cursor)
    {
        await Assert.ThrowsAsync<InvalidSearchCursorException>(() => _search.SearchAsync(new SearchQuery { Text = "x", Cursor = cursor }));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Cursor_of_another_sort_is_invalid()
    {
        var cursor = new SearchCursor(SearchSort.PriceDescending, 1, KettleId, 20).Encode();
        await Assert.ThrowsAsync<InvalidSearchCursorException>(() => _search.SearchAsync(new SearchQuery { Sort = SearchSort.PriceAscending, Cursor = cursor }));
    }
}
