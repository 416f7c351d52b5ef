using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Outbox;
using SmartTrade.Platform.Scaling;
using SmartTrade.Platform.Search.Elasticsearch;
using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Platform.Elasticsearch.Tests;

/// <summary>
/// Two hosts draining one outbox into one Elasticsearch index, with the lease <see cref="OutboxProcessor.LeaseName"/>
/// in the Redis that <c>scripts/test.sh</c> starts: only the holder writes the index, and when it stops the other takes
/// over from the first change not yet indexed. Each host reaches the cluster through a fake server of its own, so every
/// write is seen from the host that sent it.
/// </summary>
public sealed class SearchIndexWriterTests : IAsyncLifetime
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(15);
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"smarttrade-index-writer-{Guid.NewGuid():N}.db");
    private readonly string _prefix = $"smarttrade-test-{Guid.NewGuid():N}";
    private WriterHost _a = null!;
    private WriterHost _b = null!;

    public async Task InitializeAsync()
    {
        var redis = Environment.GetEnvironmentVariable("SMARTTRADE_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(redis))
        {
            Assert.Fail("SMARTTRADE_TEST_REDIS is not set: run the tests with scripts/test.sh, which starts Redis");
        }

        _a = await WriterHost.StartAsync(redis, _prefix, _database);
        _b = await WriterHost.StartAsync(redis, _prefix, _database);
        await using var scope = _a.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    [Fact]
    public async Task Only_the_lease_holder_writes_the_index_and_another_host_indexes_the_next_change_once_it_stops()
    {
        await _a.Outbox.StartAsync(CancellationToken.None);
        await EventuallyAsync(() => _a.Outbox.IsDraining, "host A holds the lease");
        await _b.Outbox.StartAsync(CancellationToken.None);

        var kettle = await _a.ChangeListingAsync("电水壶");
        await EventuallyAsync(() => _a.Wrote(kettle), "host A indexes the kettle");
        var fan = await _b.ChangeListingAsync("落地扇"); // changed through B, indexed by A
        await EventuallyAsync(() => _a.Wrote(fan), "host A indexes the fan");

        Assert.False(_b.Outbox.IsDraining);
        Assert.Empty(_b.Cluster.Requests);

        await _a.Outbox.StopAsync(CancellationToken.None);
        var heater = await _a.ChangeListingAsync("暖风机");
        await EventuallyAsync(() => _b.Wrote(heater), "host B indexes the heater");

        Assert.False(_a.Wrote(heater));
        Assert.False(_b.Wrote(kettle) || _b.Wrote(fan)); // A marked what it indexed: B started after it
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bounded;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within {Bounded.TotalSeconds} s: {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>One host's part in this: its outbox processor, its connection to Redis and its view of the cluster.</summary>
    private sealed class WriterHost : IAsyncDisposable
    {
        private readonly RedisConnection _redis;

        private WriterHost(FakeElasticsearchServer cluster, RedisConnection redis, ServiceProvider services)
        {
            Cluster = cluster;
            _redis = redis;
            Services = services;
        }

        public FakeElasticsearchServer Cluster { get; }

        public ServiceProvider Services { get; }

        public OutboxProcessor Outbox => Services.GetRequiredService<OutboxProcessor>();

        public static async Task<WriterHost> StartAsync(string redisConfiguration, string prefix, string database)
        {
            var cluster = await FakeElasticsearchServer.StartAsync();
            var redis = new RedisConnection(redisConfiguration, prefix, NullLogger<RedisConnection>.Instance);
            var services = new ServiceCollection();
            services.AddDbContext<PlatformDbContext>(o => o.UseSqlite($"Data Source={database}"));
            services.AddSingleton<TimeProvider>(TimeProvider.System);
            services.AddSingleton<Sdk.Scaling.ILeaseProvider>(sp => new RedisLeaseProvider(redis, TimeProvider.System, NullLogger<RedisLeaseProvider>.Instance));
            services.AddSingleton<ICatalogSearch>(new ElasticsearchCatalogSearch(new ElasticsearchSearchOptions { Url = cluster.Url }, new FixedMarketSchemas(ElasticsearchCatalogSearchTests.Market)));
            services.AddScoped<IOutboxBatchHandler, ListingSearchIndexer>();
            services.AddSingleton(Options.Create(new OutboxOptions { LeaseTime = TimeSpan.FromSeconds(5) }));
            services.AddSingleton(sp => new OutboxProcessor(
                sp.GetRequiredService<IServiceScopeFactory>(),
                sp.GetRequiredService<Sdk.Scaling.ILeaseProvider>(),
                sp.GetRequiredService<IOptions<OutboxOptions>>(),
                TimeProvider.System,
                NullLogger<OutboxProcessor>.Instance));
            return new WriterHost(cluster, redis, services.BuildServiceProvider());
        }

        /// <summary>Whether this host sent the cluster a bulk write naming the listing.</summary>
        public bool Wrote(Guid listing)
            => Cluster.Requests.Any(r => r.Method == "POST" && r.Path.EndsWith("/_bulk", StringComparison.Ordinal) && r.Body.Contains(listing.ToString(), StringComparison.Ordinal));

        /// <summary>Commits a new listing with its change in the outbox, as a merchant's request through this host does.</summary>
        public async Task<Guid> ChangeListingAsync(string title)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var now = DateTimeOffset.UtcNow;
            var listing = new ListingEntity
            {
                Id = Guid.CreateVersion7(),
                MarketId = "appliances",
                MerchantId = "m-1",
                TitleJson = JsonSerializer.Serialize(new Dictionary<string, string> { ["zh-CN"] = title }),
                CategoryPath = "kitchen/kettle",
                PriceMinor = 9_900,
                Currency = "CNY",
                Unit = "piece",
                Stock = 5,
                AttributesJson = "{}",
                Status = ListingStatus.Active,
                Version = 1,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Add(listing);
            db.Enqueue(ListingEndpoints.ListingChangedType, listing.Changed(ListingChangeKind.Created, now), now);
            await db.SaveChangesAsync();
            Outbox.Notify();
            return listing.Id;
        }

        public async ValueTask DisposeAsync()
        {
            await Outbox.StopAsync(CancellationToken.None);
            await Services.DisposeAsync();
            _redis.Dispose();
            await Cluster.DisposeAsync();
        }
    }
}
