using SmartTrade.Sdk;
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

    [Fact]
    public async Task A_batch_of_listings_is_written_with_one_commit()
    {
        var before = _index.CommitGeneration();

        await _index.IndexAsync(Listing("电水壶 一"), Listing("电水壶 二"), Listing("电水壶 三"));

        Assert.Equal(before + 1, _index.CommitGeneration());
        Assert.Equal(3, (await _index.FindAsync("电水壶")).Total);
    }

    [Fact]
    public async Task A_change_of_stock_only_writes_nothing_and_commits_nothing()
    {
        var listing = Listing("全钢电水壶", version: 1);
        await _index.IndexAsync(listing);
        var before = _index.CommitGeneration();

        await _index.IndexAsync(listing with { Stock = 3, Version = 2 }, listing with { Stock = 1, Version = 3 });

        Assert.Equal(before, _index.CommitGeneration());
        Assert.Equal([listing.Id], (await _index.FindAsync("电水壶")).Hits.Select(h => h.ListingId));
    }

    [Fact]
    public async Task A_change_of_content_after_stock_only_changes_is_written()
    {
        var listing = Listing("全钢电水壶", price: 12_900, version: 1);
        await _index.IndexAsync(listing);
        await _index.IndexAsync(listing with { Stock = 2, Version = 2 });

        await _index.IndexAsync(listing with { Stock = 2, Version = 3, Price = Money.FromFen(9_900) });

        Assert.Equal(9_900, (await _index.FindAsync("电水壶")).Hits.Single().Price.Minor);
    }

    [Fact]
    public async Task Selling_out_removes_the_listing_and_restocking_brings_it_back()
    {
        var listing = Listing("全钢电水壶", version: 1);
        await _index.IndexAsync(listing);

        await _index.IndexAsync(listing with { Stock = 0, Status = ListingStatus.SoldOut, Version = 2 });
        var soldOut = await _index.FindAsync("电水壶");
        await _index.IndexAsync(listing with { Stock = 5, Status = ListingStatus.Active, Version = 3 });
        var restocked = await _index.FindAsync("电水壶");

        Assert.Equal(0, soldOut.Total);
        Assert.Equal(1, restocked.Total);
    }

    [Fact]
    public async Task An_older_snapshot_does_not_overwrite_a_newer_version_whose_document_was_left_as_it_was()
    {
        // Version 3 has the same content as version 1, so its document is not written again; version 2 (read
        // earlier, say by an admin reindex, and written late) must still not replace it.
        var id = Guid.NewGuid();
        await _index.IndexAsync(Listing("全钢电水壶", version: 1, id: id));
        await _index.IndexAsync(Listing("全钢电水壶", version: 3, id: id) with { Stock = 4 });

        await _index.IndexAsync(Listing("玻璃电水壶", version: 2, id: id));

        Assert.Equal("全钢电水壶", (await _index.FindAsync("电水壶")).Hits.Single().Title);
    }

    [Fact]
    public async Task A_suspended_listing_that_stays_suspended_is_not_written_again()
    {
        var listing = Listing("全钢电水壶", version: 1, status: ListingStatus.Suspended);
        await _index.IndexAsync(listing);
        var before = _index.CommitGeneration();

        await _index.IndexAsync(listing with { Version = 2, Stock = 7 });

        Assert.Equal(before, _index.CommitGeneration());
        Assert.Equal(0, (await _index.FindAsync("电水壶")).Total);
    }
}
