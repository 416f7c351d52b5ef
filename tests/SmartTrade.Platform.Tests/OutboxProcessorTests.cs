using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Scaling;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Platform.Tests;

/// <summary>
/// How the outbox processor hands a drained batch to batch handlers and per-message handlers, in a real SQLite
/// database file: once per batch, in id order, marked handled only when everything succeeded, and message by message
/// after a batch failure so that a failure stops at the message it belongs to.
/// </summary>
public sealed class OutboxProcessorTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _temp = new();
    private readonly ManualTimeProvider _time = new(Start);
    private readonly Journal _journal = new();
    private readonly RecordingSearch _search = new();
    private readonly ServiceProvider _services;
    private readonly OutboxProcessor _processor;

    public OutboxProcessorTests()
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_temp.Path, "smarttrade.db") }.ToString();
        var services = new ServiceCollection();
        services.AddDbContext<PlatformDbContext>(o => o.UseSqlite(connection));
        services.AddSingleton(_journal);
        services.AddScoped<IOutboxBatchHandler>(_ => new RecordingBatchHandler("A", _journal));
        services.AddScoped<IOutboxHandler>(_ => new RecordingHandler("A", _journal));
        services.AddScoped<IOutboxHandler>(_ => new RecordingHandler("B", _journal));
        services.AddScoped<IOutboxBatchHandler, ListingSearchIndexer>();
        services.AddSingleton<ICatalogSearch>(_search);
        _services = services.BuildServiceProvider();
        _processor = new OutboxProcessor(_services.GetRequiredService<IServiceScopeFactory>(), new InProcessLeaseProvider(), Options.Create(new OutboxOptions()), _time, NullLogger<OutboxProcessor>.Instance);
    }

    public async Task InitializeAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database.MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_batch_handler_gets_all_of_a_drained_batchs_messages_of_its_type_at_once_before_the_message_handlers()
    {
        await EnqueueAsync(("A", "1"), ("B", "2"), ("A", "3"), ("A", "4"));

        var handled = await _processor.DrainAsync(CancellationToken.None);

        Assert.Equal(4, handled);
        Assert.Equal(["batch A [1,3,4]", "message A 1", "message B 2", "message A 3", "message A 4"], _journal.Entries);
        Assert.All(await MessagesAsync(), m => Assert.NotNull(m.ProcessedAt));
    }

    [Fact]
    public async Task After_a_batch_failure_messages_are_handled_one_at_a_time_up_to_the_failing_one_which_is_retried_later()
    {
        await EnqueueAsync(("A", "1"), ("A", "2"), ("A", "fail"), ("A", "4"));

        var first = await _processor.DrainAsync(CancellationToken.None);
        _journal.FailOn = null;
        var second = await _processor.DrainAsync(CancellationToken.None);

        Assert.Equal(2, first);
        Assert.Equal(2, second);
        Assert.Equal(
            [
                "batch A failed",
                "batch A [1]", "message A 1", "batch A [2]", "message A 2", "batch A failed",
                "batch A [fail,4]", "message A fail", "message A 4",
            ],
            _journal.Entries);
        var failing = (await MessagesAsync()).Single(m => m.Payload == "\"fail\"");
        Assert.Equal(1, failing.Attempts);
        Assert.NotNull(failing.ProcessedAt);
    }

    [Fact]
    public async Task A_drain_stopped_after_the_batch_step_repeats_the_whole_batch_and_misses_nothing()
    {
        await EnqueueAsync(("A", "1"), ("A", "2"));
        using var stop = new CancellationTokenSource();
        _journal.AfterBatch = stop.Cancel;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _processor.DrainAsync(stop.Token));
        Assert.All(await MessagesAsync(), m => Assert.Null(m.ProcessedAt));
        _journal.AfterBatch = null;
        var handled = await _processor.DrainAsync(CancellationToken.None);

        Assert.Equal(2, handled);
        Assert.Equal(["batch A [1,2]", "batch A [1,2]", "message A 1", "message A 2"], _journal.Entries);
    }

    [Fact]
    public async Task The_search_indexer_indexes_each_named_listing_once_per_batch_as_it_is_now_and_deletes_those_gone()
    {
        var kettle = await AddListingAsync("电水壶", version: 7);
        var fan = await AddListingAsync("落地扇", version: 2);
        var gone = Guid.NewGuid();
        await EnqueueChangesAsync(kettle, fan, kettle, gone, kettle);

        await _processor.DrainAsync(CancellationToken.None);

        var indexed = Assert.Single(_search.Indexed);
        Assert.Equal([(kettle, 7L), (fan, 2L)], indexed.Select(l => (l.Id, l.Version)).Order());
        Assert.Equal([gone], Assert.Single(_search.Deleted));
    }

    [Fact]
    public async Task The_search_indexer_makes_no_delete_call_when_every_listing_still_exists()
    {
        var kettle = await AddListingAsync("电水壶", version: 1);
        await EnqueueChangesAsync(kettle, kettle);

        await _processor.DrainAsync(CancellationToken.None);

        Assert.Single(_search.Indexed);
        Assert.Empty(_search.Deleted);
    }

    private async Task EnqueueAsync(params (string Type, string Payload)[] messages)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        foreach (var (type, payload) in messages)
        {
            db.Enqueue(type, payload, _time.GetUtcNow());
        }

        await db.SaveChangesAsync();
    }

    private async Task EnqueueChangesAsync(params Guid[] listings)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        foreach (var id in listings)
        {
            db.Enqueue(ListingEndpoints.ListingChangedType, new ListingChanged
            {
                ListingId = id,
                MarketId = "appliances",
                MerchantId = "m1",
                ChangeKind = ListingChangeKind.Updated,
                Version = 0,
                OccurredAt = _time.GetUtcNow(),
            }, _time.GetUtcNow());
        }

        await db.SaveChangesAsync();
    }

    private async Task<Guid> AddListingAsync(string title, long version)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var listing = new ListingEntity
        {
            Id = Guid.CreateVersion7(),
            MarketId = "appliances",
            MerchantId = "m1",
            TitleJson = JsonSerializer.Serialize(new Dictionary<string, string> { ["zh-CN"] = title }),
            CategoryPath = "kitchen/kettle",
            PriceMinor = 9_900,
            Currency = "CNY",
            Unit = "piece",
            Stock = 5,
            AttributesJson = "{}",
            Status = ListingStatus.Active,
            Version = version,
            CreatedAt = Start,
            UpdatedAt = Start,
        };
        db.Add(listing);
        await db.SaveChangesAsync();
        return listing.Id;
    }

    private async Task<List<OutboxMessage>> MessagesAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<OutboxMessage>().OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>What the test handlers were given, in order; a message with payload <see cref="FailOn"/> fails the handler.</summary>
    private sealed class Journal
    {
        public List<string> Entries { get; } = [];

        public string? FailOn { get; set; } = "fail";

        public Action? AfterBatch { get; set; }
    }

    private sealed class RecordingBatchHandler(string type, Journal journal) : IOutboxBatchHandler
    {
        public string Type => type;

        public Task HandleBatchAsync(IReadOnlyList<OutboxMessage> messages, IServiceProvider services, CancellationToken cancellationToken)
        {
            var payloads = messages.Select(m => JsonSerializer.Deserialize<string>(m.Payload)!).ToList();
            if (journal.FailOn is { } failing && payloads.Contains(failing))
            {
                journal.Entries.Add($"batch {type} failed");
                throw new InvalidOperationException("Cannot handle " + failing);
            }

            journal.Entries.Add($"batch {type} [{string.Join(',', payloads)}]");
            journal.AfterBatch?.Invoke();
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingHandler(string type, Journal journal) : IOutboxHandler
    {
        public string Type => type;

        public Task HandleAsync(OutboxMessage message, IServiceProvider services, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            journal.Entries.Add($"message {type} {JsonSerializer.Deserialize<string>(message.Payload)}");
            return Task.CompletedTask;
        }
    }

    /// <summary>Records index and delete calls instead of searching.</summary>
    private sealed class RecordingSearch : ICatalogSearch
    {
        public List<IReadOnlyList<Listing>> Indexed { get; } = [];

        public List<IReadOnlyList<Guid>> Deleted { get; } = [];

        public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public Task IndexAsync(IReadOnlyList<Listing> listings, CancellationToken cancellationToken = default)
        {
            Indexed.Add(listings);
            return Task.CompletedTask;
        }

        public Task DeleteAsync(IReadOnlyList<Guid> listingIds, CancellationToken cancellationToken = default)
        {
            Deleted.Add(listingIds);
            return Task.CompletedTask;
        }
    }
}
