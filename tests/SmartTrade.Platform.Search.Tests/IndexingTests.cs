using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Search;
using static SmartTrade.Platform.Search.Tests.IndexFolder;

namespace SmartTrade.Platform.Search.Tests;

public sealed class IndexingTests : IAsyncLifetime
{
    private readonly IndexFolder _index = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _index.DisposeAsync().AsTask();

    [Fact]
    public async Task Newer_version_replaces_and_older_version_is_ignored()
    {
        var id = Guid.NewGuid();
        await _index.IndexAsync(Listing("旧标题电水壶", version: 1, id: id));
        await _index.IndexAsync(Listing("新标题电水壶", version: 3, id: id));
        await _index.IndexAsync(Listing("过期标题电水壶", version: 2, id: id));

        var result = await _index.FindAsync("电水壶");

        Assert.Equal("新标题电水壶", Assert.Single(result.Hits).Title);
    }

    [Fact]
    public async Task Suspended_listing_is_removed_and_a_replayed_older_version_does_not_bring_it_back()
    {
        var id = Guid.NewGuid();
        await _index.IndexAsync(Listing("电水壶", version: 1, id: id));
        await _index.IndexAsync(Listing("电水壶", version: 2, id: id, status: ListingStatus.Suspended));
        Assert.Equal(0, (await _index.FindAsync("电水壶")).Total);

        await _index.IndexAsync(Listing("电水壶", version: 1, id: id));
        Assert.Equal(0, (await _index.FindAsync("电水壶")).Total);

        await _index.IndexAsync(Listing("电水壶", version: 3, id: id));
        Assert.Equal(1, (await _index.FindAsync("电水壶")).Total);
    }

    [Fact]
    public async Task Deleted_listing_is_not_found_and_unknown_ids_are_ignored()
    {
        var kept = Listing("电水壶");
        var deleted = Listing("电水壶");
        await _index.IndexAsync(kept, deleted);

        await _index.Search.DeleteAsync([deleted.Id, Guid.NewGuid()]);

        Assert.Equal([kept.Id], (await _index.FindAsync("电水壶")).Hits.Select(h => h.ListingId));
    }

    [Fact]
    public async Task Index_survives_closing_and_reopening_the_folder()
    {
        var kettle = Listing("全钢电水壶", "Steel kettle", model: "T30S");
        await _index.IndexAsync(kettle);

        await _index.ReopenAsync();

        Assert.Equal([kettle.Id], (await _index.FindAsync("T30S")).Hits.Select(h => h.ListingId));
    }

    [Fact]
    public async Task Concurrent_writes_and_searches_do_not_interfere()
    {
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await _index.IndexAsync(Listing($"电水壶 {w}-{i}", price: 100 + i));
            }
        }));
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await _index.FindAsync("电水壶", q => q with { Facets = ["brand"], Sort = SearchSort.PriceAscending });
            }
        }));

        await Task.WhenAll(writers.Concat(readers));

        Assert.Equal(40, (await _index.FindAsync("电水壶")).Total);
    }
}
