using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Data;
using SmartTrade.Plugins.PriceIndex.Demo;
using SmartTrade.Plugins.PriceIndex.Inputs;
using SmartTrade.Plugins.PriceIndex.Methodology;
using SmartTrade.Plugins.PriceIndex.Publication;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Plugins;
using SmartTrade.Sdk.Trading;

namespace SmartTrade.Plugins.PriceIndex.Tests.Publication;

/// <summary>
/// The plugin's services on a real SQLite database file with its migrations applied, as the host would create them,
/// and a fake clock. Methodology settings come from configuration as in the host.
/// </summary>
internal sealed class IndexDatabase : IAsyncDisposable
{
    private readonly string _folder;
    private readonly ServiceProvider _services;

    private IndexDatabase(DateTimeOffset now, IDictionary<string, string?> settings)
    {
        Time = new FakeTimeProvider(now);
        _folder = Directory.CreateTempSubdirectory("smarttrade-index-").FullName;
        var connection = $"Data Source={Path.Combine(_folder, "index.db")};Pooling=True;Default Timeout=120";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var manifest = new PluginManifest { Id = "price-index", Names = new LocalizedText("中塑价格指数", "Plastics price index"), Version = "1.1.0", Sdk = "^1.0.0", EntryAssembly = "SmartTrade.Plugins.PriceIndex.dll" };
        var services = new ServiceCollection();
        services.AddDbContext<PriceIndexDbContext>(o => o.UseSqlite(connection, sqlite => sqlite.MigrationsHistoryTable("__price_index_migrations")));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(new PluginContext(manifest, configuration, _folder, _folder, configuration, "Development"));
        services.AddScoped<MethodologyBook>();
        services.AddScoped<QuoteDesk>();
        services.AddScoped<JudgmentDesk>();
        services.AddScoped<IndexDemoData>();
        services.AddScoped(sp => new RecordTrade(sp.GetRequiredService<PriceIndexDbContext>(), Time, NullLogger<RecordTrade>.Instance));
        services.AddSingleton<IndexFeed>();
        services.AddSingleton<IndexPublisher>();
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public IndexPublisher Publisher => _services.GetRequiredService<IndexPublisher>();

    public IndexFeed Feed => _services.GetRequiredService<IndexFeed>();

    public IServiceScopeFactory Scopes => _services.GetRequiredService<IServiceScopeFactory>();

    /// <summary>A database at <paramref name="now"/> with these methodology settings (<c>Methodology:MinTrades</c>...).</summary>
    public static async Task<IndexDatabase> CreateAsync(DateTimeOffset now, IDictionary<string, string?>? methodology = null)
    {
        var settings = (methodology ?? new Dictionary<string, string?>()).ToDictionary(p => "Methodology:" + p.Key, p => p.Value);
        var database = new IndexDatabase(now, settings);
        await using var scope = database._services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PriceIndexDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<MethodologyBook>().EnsureFirstVersionAsync(
            scope.ServiceProvider.GetRequiredService<PluginContext>(), now, CancellationToken.None);
        return database;
    }

    /// <summary>Runs work in a scope of its own, like one request.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Reads the tables.</summary>
    public Task<T> ReadAsync<T>(Func<PriceIndexDbContext, Task<T>> read) => InScopeAsync(sp => read(sp.GetRequiredService<PriceIndexDbContext>()));

    /// <summary>Delivers a receipt-market trade as the exchange would.</summary>
    public Task TradeAsync(string id, string grade, long priceMinor, long kg, DateTimeOffset executedAt)
        => InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<RecordTrade>().Handle(Trade(id, grade, priceMinor, kg, executedAt), CancellationToken.None);
            return 0;
        });

    public static TradeExecuted Trade(string id, string grade, long priceMinor, long kg, DateTimeOffset executedAt, string market = RecordTrade.ReceiptMarket) => new()
    {
        TradeId = id,
        MarketId = market,
        InstrumentCode = grade,
        Commodity = grade.Split('-')[0],
        Sequence = 1,
        PriceMinor = priceMinor,
        Currency = "CNY",
        PriceUnit = "t",
        Quantity = kg,
        QuantityUnit = "kg",
        ValueMinor = priceMinor * kg / 1000,
        ExecutedAt = executedAt,
    };

    /// <summary>Seeds the Development demo history.</summary>
    public Task SeedDemoAsync() => InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<IndexDemoData>().SeedAsync(new TestSeedContext(Time), CancellationToken.None);
        return 0;
    });

    /// <summary>Shanghai local time as an instant.</summary>
    public static DateTimeOffset Shanghai(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, AssessmentWindow.ShanghaiOffset);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned by the OS.
        }
    }

    private sealed class TestSeedContext(TimeProvider time) : DemoSeedContext
    {
        public override DateOnly Today => AssessmentWindow.LocalDate(time.GetUtcNow());

        public override Task<string> EnsureAccountAsync(string email, string displayName, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
            => Task.FromResult("user-" + email);
    }
}
