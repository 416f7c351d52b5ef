using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Idempotency;

namespace SmartTrade.Platform.Tests;

/// <summary>How idempotency keys are claimed, completed and released in a real SQLite database file.</summary>
public sealed class DatabaseIdempotencyStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan InProgressLock = TimeSpan.FromMinutes(1);

    private readonly TempFolder _temp = new();
    private readonly ManualTimeProvider _time = new(Start);
    private readonly List<PlatformDbContext> _contexts = [];
    private readonly string _connectionString;

    public DatabaseIdempotencyStoreTests()
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_temp.Path, "smarttrade.db") }.ToString();
    }

    public async Task InitializeAsync()
    {
        await using var db = new PlatformDbContext(Options());
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var db in _contexts)
        {
            db.Dispose();
        }

        // Pooled connections keep the file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private DbContextOptions<PlatformDbContext> Options()
        => new DbContextOptionsBuilder<PlatformDbContext>().UseSqlite(_connectionString).Options;

    /// <summary>A store on its own DbContext, as each request gets in the host.</summary>
    private DatabaseIdempotencyStore NewStore()
    {
        var db = new PlatformDbContext(Options());
        _contexts.Add(db);
        return new DatabaseIdempotencyStore(db, _time);
    }

    private IdempotencyRecord Claim(string key, string scope = "user-1 POST /api/orders", string fingerprint = "fingerprint-a")
    {
        var now = _time.GetUtcNow();
        return new IdempotencyRecord
        {
            Scope = scope,
            Key = key,
            Fingerprint = fingerprint,
            CreatedAt = now,
            ExpiresAt = now + InProgressLock,
        };
    }

    private async Task<IdempotencyRecord> StoredAsync(string key, string scope = "user-1 POST /api/orders")
    {
        await using var db = new PlatformDbContext(Options());
        return await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Scope == scope && r.Key == key);
    }

    [Fact]
    public async Task The_first_claim_of_a_key_succeeds_and_stores_an_in_progress_record()
    {
        var result = await NewStore().TryBeginAsync(Claim("key-1"), CancellationToken.None);

        Assert.Null(result);
        var stored = await StoredAsync("key-1");
        Assert.False(stored.Completed);
        Assert.Equal("fingerprint-a", stored.Fingerprint);
        Assert.Equal(Start, stored.CreatedAt);
        Assert.Equal(Start + InProgressLock, stored.ExpiresAt);
    }

    [Fact]
    public async Task A_second_claim_of_the_same_key_gets_the_in_progress_record()
    {
        Assert.Null(await NewStore().TryBeginAsync(Claim("key-1"), CancellationToken.None));

        var existing = await NewStore().TryBeginAsync(Claim("key-1", fingerprint: "fingerprint-b"), CancellationToken.None);

        Assert.NotNull(existing);
        Assert.False(existing.Completed);
        Assert.Equal("fingerprint-a", existing.Fingerprint);
        Assert.Equal(Start + InProgressLock, existing.ExpiresAt);
    }

    [Fact]
    public async Task A_second_claim_on_the_same_store_gets_the_in_progress_record()
    {
        var store = NewStore();
        Assert.Null(await store.TryBeginAsync(Claim("key-1"), CancellationToken.None));

        var existing = await store.TryBeginAsync(Claim("key-1"), CancellationToken.None);

        Assert.NotNull(existing);
        Assert.False(existing.Completed);
    }

    [Fact]
    public async Task After_completion_a_claim_gets_the_stored_response()
    {
        var store = NewStore();
        Assert.Null(await store.TryBeginAsync(Claim("key-1"), CancellationToken.None));
        var body = Encoding.UTF8.GetBytes("""{"orderId":42}""");
        var completed = Claim("key-1");
        completed.Completed = true;
        completed.StatusCode = 201;
        completed.ContentType = "application/json";
        completed.Location = "/api/orders/42";
        completed.Body = body;
        completed.ExpiresAt = Start + TimeSpan.FromHours(24);
        await store.CompleteAsync(completed, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));

        var existing = await NewStore().TryBeginAsync(Claim("key-1"), CancellationToken.None);

        Assert.NotNull(existing);
        Assert.True(existing.Completed);
        Assert.Equal(201, existing.StatusCode);
        Assert.Equal("application/json", existing.ContentType);
        Assert.Equal("/api/orders/42", existing.Location);
        Assert.Equal(body, existing.Body);
        Assert.Equal(Start + TimeSpan.FromHours(24), existing.ExpiresAt);
        Assert.Equal("fingerprint-a", existing.Fingerprint);
    }

    [Fact]
    public async Task After_abandoning_a_claim_the_key_can_be_claimed_again()
    {
        var store = NewStore();
        Assert.Null(await store.TryBeginAsync(Claim("key-1"), CancellationToken.None));

        await store.AbandonAsync("user-1 POST /api/orders", "key-1", CancellationToken.None);
        var result = await NewStore().TryBeginAsync(Claim("key-1", fingerprint: "fingerprint-b"), CancellationToken.None);

        Assert.Null(result);
        Assert.Equal("fingerprint-b", (await StoredAsync("key-1")).Fingerprint);
    }

    [Fact]
    public async Task An_in_progress_claim_still_holds_the_key_just_before_it_expires()
    {
        Assert.Null(await NewStore().TryBeginAsync(Claim("key-1"), CancellationToken.None));
        _time.Advance(InProgressLock - TimeSpan.FromMilliseconds(1));

        var existing = await NewStore().TryBeginAsync(Claim("key-1", fingerprint: "fingerprint-b"), CancellationToken.None);

        Assert.NotNull(existing);
        Assert.Equal("fingerprint-a", existing.Fingerprint);
    }

    [Fact]
    public async Task An_expired_claim_is_taken_over_by_the_next_claim()
    {
        Assert.Null(await NewStore().TryBeginAsync(Claim("key-1"), CancellationToken.None));
        _time.Advance(InProgressLock + TimeSpan.FromSeconds(1));

        var result = await NewStore().TryBeginAsync(Claim("key-1", fingerprint: "fingerprint-b"), CancellationToken.None);

        Assert.Null(result);
        var stored = await StoredAsync("key-1");
        Assert.Equal("fingerprint-b", stored.Fingerprint);
        Assert.Equal(_time.GetUtcNow() + InProgressLock, stored.ExpiresAt);
    }

    [Fact]
    public async Task A_claim_expires_exactly_at_its_expiry_time()
    {
        Assert.Null(await NewStore().TryBeginAsync(Claim("key-1"), CancellationToken.None));
        _time.Advance(InProgressLock);

        Assert.Null(await NewStore().TryBeginAsync(Claim("key-1", fingerprint: "fingerprint-b"), CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_completed_response_is_replaced_by_a_new_claim()
    {
        var store = NewStore();
        Assert.Null(await store.TryBeginAsync(Claim("key-1"), CancellationToken.None));
        var completed = Claim("key-1");
        completed.StatusCode = 200;
        completed.ExpiresAt = Start + TimeSpan.FromHours(24);
        await store.CompleteAsync(completed, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(25));

        var result = await NewStore().TryBeginAsync(Claim("key-1", fingerprint: "fingerprint-b"), CancellationToken.None);

        Assert.Null(result);
        var stored = await StoredAsync("key-1");
        Assert.False(stored.Completed);
        Assert.Equal("fingerprint-b", stored.Fingerprint);
    }

    [Fact]
    public async Task The_same_key_in_two_scopes_is_two_independent_claims()
    {
        var store = NewStore();

        Assert.Null(await store.TryBeginAsync(Claim("key-1", scope: "user-1 POST /api/orders"), CancellationToken.None));
        Assert.Null(await store.TryBeginAsync(Claim("key-1", scope: "user-2 POST /api/orders"), CancellationToken.None));

        await store.AbandonAsync("user-1 POST /api/orders", "key-1", CancellationToken.None);
        var stillThere = await NewStore().TryBeginAsync(Claim("key-1", scope: "user-2 POST /api/orders"), CancellationToken.None);
        Assert.NotNull(stillThere);
        Assert.Equal("user-2 POST /api/orders", stillThere.Scope);
    }

    [Fact]
    public async Task Of_two_concurrent_claims_from_two_connections_exactly_one_wins()
    {
        // Several rounds, each a fresh key, so the claims meet at different points of each other's work.
        for (var round = 0; round < 20; round++)
        {
            var key = $"race-{round}";
            var first = NewStore();
            var second = NewStore();
            using var start = new Barrier(2);

            var results = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return first.TryBeginAsync(Claim(key, fingerprint: "first"), CancellationToken.None); }),
                Task.Run(() => { start.SignalAndWait(); return second.TryBeginAsync(Claim(key, fingerprint: "second"), CancellationToken.None); }));

            var winners = results.Count(r => r is null);
            Assert.True(winners == 1, $"round {round}: {winners} claims won");
            var loser = Assert.Single(results, r => r is not null)!;
            var stored = await StoredAsync(key);
            Assert.Equal(stored.Fingerprint, loser.Fingerprint);
            Assert.False(loser.Completed);
        }
    }

    [Fact]
    public async Task Of_two_concurrent_takeovers_of_an_expired_claim_exactly_one_wins()
    {
        for (var round = 0; round < 20; round++)
        {
            var key = $"expired-race-{round}";
            Assert.Null(await NewStore().TryBeginAsync(Claim(key, fingerprint: "abandoned"), CancellationToken.None));
            _time.Advance(InProgressLock + TimeSpan.FromSeconds(1));
            var first = NewStore();
            var second = NewStore();
            using var start = new Barrier(2);

            var results = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return first.TryBeginAsync(Claim(key, fingerprint: "first"), CancellationToken.None); }),
                Task.Run(() => { start.SignalAndWait(); return second.TryBeginAsync(Claim(key, fingerprint: "second"), CancellationToken.None); }));

            Assert.True(results.Count(r => r is null) == 1, $"round {round}: {results.Count(r => r is null)} claims won");
            var loser = Assert.Single(results, r => r is not null)!;
            var stored = await StoredAsync(key);
            Assert.NotEqual("abandoned", stored.Fingerprint);
            Assert.Equal(stored.Fingerprint, loser.Fingerprint);
        }
    }
}
