using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk.Search;
using static SmartTrade.Platform.Search.Tests.IndexFolder;

namespace SmartTrade.Platform.Search.Tests;

public sealed class PagingAndSortingTests : IAsyncLifetime
{
    private readonly IndexFolder _index = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _index.DisposeAsync().AsTask();

    [Fact]
    public async Task Price_sorts_ascending_and_descending_with_the_id_breaking_ties()
    {
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        await _index.IndexAsync(
            Listing("甲", price: 300, id: ids[0]),
            Listing("乙", price: 100, id: ids[1]),
            Listing("丙", price: 200, id: ids[2]),
            Listing("丁", price: 200, id: ids[3]));
        var tied = ids[2..].Order().ToArray();

        var ascending = await _index.FindAsync(null, q => q with { Sort = SearchSort.PriceAscending });
        var descending = await _index.FindAsync(null, q => q with { Sort = SearchSort.PriceDescending });

        Assert.Equal([ids[1], tied[0], tied[1], ids[0]], ascending.Hits.Select(h => h.ListingId));
        Assert.Equal([ids[0], tied[0], tied[1], ids[1]], descending.Hits.Select(h => h.ListingId));
    }

    [Fact]
    public async Task Newest_comes_first_and_blank_relevance_means_newest()
    {
        var old = Listing("旧", minutes: 1);
        var recent = Listing("新", minutes: 5);
        await _index.IndexAsync(old, recent);

        Assert.Equal([recent.Id, old.Id], (await _index.FindAsync(null, q => q with { Sort = SearchSort.Newest })).Hits.Select(h => h.ListingId));
        Assert.Equal([recent.Id, old.Id], (await _index.FindAsync(null)).Hits.Select(h => h.ListingId));
    }

    [Theory]
    [InlineData(SearchSort.PriceAscending, null)]
    [InlineData(SearchSort.Newest, null)]
    [InlineData(SearchSort.Relevance, "电水壶")]
    public async Task Cursor_pages_through_every_hit_exactly_once_in_order(SearchSort sort, string? text)
    {
        // Prices repeat so that pages end inside groups of equal sort values.
        var listings = Enumerable.Range(0, 45).Select(i => Listing("电水壶 " + i, price: 100 * (i % 7), minutes: i % 5)).ToArray();
        await _index.Search.IndexAsync(listings);
        var all = await _index.FindAsync(text, q => q with { Sort = sort, PageSize = 100 });

        var paged = new List<SearchHit>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _index.FindAsync(text, q => q with { Sort = sort, PageSize = 20, Cursor = cursor });
            Assert.Equal(45, page.Total);
            paged.AddRange(page.Hits);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(45, paged.Select(h => h.ListingId).Distinct().Count());
        Assert.Equal(all.Hits.Select(h => h.ListingId), paged.Select(h => h.ListingId));
        Assert.Equal(Enumerable.Range(1, 45).Select(i => (long)i), paged.Select(h => h.Rank));
    }

    [Fact]
    public async Task Price_cursor_stays_stable_when_listings_are_added_before_it()
    {
        var listings = Enumerable.Range(0, 6).Select(i => Listing("壶" + i, price: 100 * (i + 1))).ToArray();
        await _index.Search.IndexAsync(listings);
        var first = await _index.FindAsync(null, q => q with { Sort = SearchSort.PriceAscending, PageSize = 3 });

        await _index.IndexAsync(Listing("便宜壶", price: 50));
        var second = await _index.FindAsync(null, q => q with { Sort = SearchSort.PriceAscending, PageSize = 3, Cursor = first.NextCursor });

        Assert.Equal(listings[3..].Select(l => l.Id), second.Hits.Select(h => h.ListingId));
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("AAAA")]
    [InlineData("")]
    public async Task Invalid_cursor_is_refused_with_its_own_exception(string cursor)
    {
        await _index.IndexAsync(Listing("电水壶"));

        await Assert.ThrowsAsync<InvalidSearchCursorException>(() => _index.FindAsync(null, q => q with { Cursor = cursor }));
    }

    [Fact]
    public async Task Cursor_of_another_sort_is_refused()
    {
        await _index.IndexAsync(Listing("壶1"), Listing("壶2"));
        var page = await _index.FindAsync(null, q => q with { Sort = SearchSort.PriceAscending, PageSize = 1 });

        await Assert.ThrowsAsync<InvalidSearchCursorException>(
            () => _index.FindAsync(null, q => q with { Sort = SearchSort.Newest, PageSize = 1, Cursor = page.NextCursor }));
    }
}
